package io.herald.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.engine.ClientInfo;
import io.herald.engine.EngineRecorder;
import io.herald.engine.Publication;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NatsCodecTest {

  private final EngineRecorder recorder = new EngineRecorder();

  @Test
  void aPublicationComesBackWithEveryField() {
    ClientInfo ann = new ClientInfo("ann", "c1", "{\"n\":1}".getBytes(), "[]".getBytes());
    byte[] data = "{\"t\":\"h\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    NatsCodec.dispatch("c", NatsCodec.publication(new Publication(42, data, ann, "ep")), recorder);
    Publication p = recorder.publications.get(0);
    assertThat(p.offset()).isEqualTo(42);
    assertThat(p.epoch()).isEqualTo("ep");
    assertThat(p.data()).isEqualTo(data);
    assertThat(p.info().user()).isEqualTo("ann");
    assertThat(p.info().client()).isEqualTo("c1");
    assertThat(p.info().connInfo()).isEqualTo("{\"n\":1}".getBytes());
    assertThat(p.info().chanInfo()).isEqualTo("[]".getBytes());
  }

  @Test
  void aServerPublicationWithoutHistoryHasNoInfoAndNoEpoch() {
    NatsCodec.dispatch("c", NatsCodec.publication(new Publication(0, new byte[0], null)), recorder);
    assertThat(recorder.publications.get(0)).satisfies(p -> {
      assertThat(p.info()).isNull();
      assertThat(p.epoch()).isEmpty();
      assertThat(p.data()).isEmpty();
    });
  }

  @Test
  void joinsAndLeaves() {
    ClientInfo anon = new ClientInfo("", "c9", null, null);
    NatsCodec.dispatch("r", NatsCodec.join(anon), recorder);
    NatsCodec.dispatch("r", NatsCodec.leave(anon), recorder);
    assertThat(recorder.received).containsExactly("join:r:c9", "leave:r:c9");
  }

  @Test
  void everyTruncationOrForeignMessageIsRefusedNotHandedOn() {
    byte[] full = NatsCodec.publication(
        new Publication(1, "{}".getBytes(), new ClientInfo("u", "c", null, null), "e"));
    int infoEnd = full.length - 2;
    for (int n = 0; n < infoEnd; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      assertThatThrownBy(() -> NatsCodec.dispatch("c", cut, recorder))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> NatsCodec.dispatch("c", "{\"x\":1}".getBytes(), recorder))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> NatsCodec.dispatch("c", new byte[] {1, 9}, recorder))
        .hasMessageContaining("kind");
    assertThat(recorder.received).isEmpty();
  }
}
