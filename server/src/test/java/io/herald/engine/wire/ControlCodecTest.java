package io.herald.engine.wire;

import io.herald.engine.NodeInfo;

import io.herald.engine.ControlMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlCodecTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyKindSurvivesTheRoundTrip() {
    List<ControlMessage> all = List.of(
        new ControlMessage.Disconnect("ann", null, 3500, "bye"),
        new ControlMessage.Disconnect("ann", "c1", 4000, "app"),
        new ControlMessage.Subscribe("ann", "news:1"),
        new ControlMessage.Unsubscribe("ann", "news:1"),
        new ControlMessage.NodeAlive(new NodeInfo("u1", "n1", "0.1", 5, 4, 3, 99)),
        new ControlMessage.NodeLeft("u1"),
        new ControlMessage.SessionEnded("secret.tag"));
    for (ControlMessage m : all) {
      assertThat(ControlCodec.decode(ControlCodec.encode(m))).contains(m);
    }
  }

  @Test
  void sessionDataKeepsItsBytes() {
    byte[] data = bytes("{\"id\":1,\"method\":\"publish\"}");
    ControlMessage decoded = ControlCodec.decode(
        ControlCodec.encode(new ControlMessage.SessionData("n", "s", data))).orElseThrow();
    assertThat(decoded).isInstanceOfSatisfying(ControlMessage.SessionData.class, s -> {
      assertThat(s.node()).isEqualTo("n");
      assertThat(s.session()).isEqualTo("s");
      assertThat(s.data()).isEqualTo(data);
    });
  }

  @Test
  void anUnknownTypeIsIgnoredForRollingUpgrades() {
    assertThat(ControlCodec.decode(bytes("{\"type\":\"fromTheFuture\"}"))).isEmpty();
  }

  @Test
  void garbageIsRefusedWithAClearError() {
    assertThatThrownBy(() -> ControlCodec.decode(bytes("not json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ControlCodec.decode(bytes("[1]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object");
    assertThatThrownBy(() -> ControlCodec.decode(bytes("{\"type\":\"subscribe\",\"user\":\"a\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
  }
}
