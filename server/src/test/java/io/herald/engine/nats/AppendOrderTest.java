package io.herald.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.engine.Publication;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AppendOrderTest {

  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final AppendOrder order = new AppendOrder((channel, p) -> {
    if (new String(p.data()).equals("refused")) {
      return new IllegalStateException("nats: refused");
    }
    sent.add(channel + "@" + p.offset());
    return null;
  });

  private static Publication at(long offset) {
    return new Publication(offset, "x".getBytes(), null, "e");
  }

  @Test
  void aLaterAppendThatFinishesFirstWaitsForTheEarlierOne() {
    long t1 = order.begin("c");
    long t2 = order.begin("c");
    long t3 = order.begin("c");
    CompletableFuture<Void> s2 = order.finish("c", t2, at(2));
    CompletableFuture<Void> s3 = order.finish("c", t3, at(3));
    assertThat(sent).isEmpty();
    assertThat(s2).isNotDone();
    CompletableFuture<Void> s1 = order.finish("c", t1, at(1));
    assertThat(sent).containsExactly("c@1", "c@2", "c@3");
    assertThat(List.of(s1, s2, s3)).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
  }

  @Test
  void offsetsDecideTheOrderOfWhatIsReadyTogether() {
    long t1 = order.begin("c");
    long t2 = order.begin("c");
    long t3 = order.begin("c");
    order.finish("c", t2, at(5));
    order.finish("c", t3, at(4));
    order.finish("c", t1, at(6));
    assertThat(sent).containsExactly("c@4", "c@5", "c@6");
  }

  @Test
  void nothingToSendOrARefusalReleasesTheOthers() {
    long t1 = order.begin("c");
    long t2 = order.begin("c");
    long t3 = order.begin("c");
    long other = order.begin("d");
    CompletableFuture<Void> s3 = order.finish("c", t3, at(3));
    CompletableFuture<Void> s2 = order.finish("c", t2,
        new Publication(2, "refused".getBytes(), null, "e"));
    CompletableFuture<Void> s1 = order.finish("c", t1, null);
    assertThat(s1).isCompleted();
    assertThat(s2).isCompletedExceptionally();
    assertThat(s3).isCompleted();
    assertThat(sent).containsExactly("c@3");
    order.finish("d", other, at(1));
    assertThat(sent).containsExactly("c@3", "d@1");
  }
}
