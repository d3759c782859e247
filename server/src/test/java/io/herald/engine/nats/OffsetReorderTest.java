package io.herald.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.engine.ClientInfo;
import io.herald.engine.EngineRecorder;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffsetReorderTest {

  private final EngineRecorder node = new EngineRecorder();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private static Publication at(long offset, String epoch) {
    return new Publication(offset, Long.toString(offset).getBytes(), null, epoch);
  }

  /** Order kept for channel {@code c}, whose stream had no position yet when subscribed. */
  private OffsetReorder reorder(Duration window) {
    OffsetReorder r = new OffsetReorder(node, window, timer);
    r.track("c");
    r.baselineUnknown("c");
    return r;
  }

  @Test
  void untilTheBaselineIsKnownPublicationsWaitThenComeInOrderAfterIt() {
    OffsetReorder r = new OffsetReorder(node, Duration.ofMinutes(1), timer);
    r.track("c");
    r.onPublication("c", at(6, "e"));
    r.onPublication("c", at(4, "e"));
    r.onPublication("c", at(5, "e"));
    assertThat(node.received).isEmpty();
    r.baseline("c", new StreamPosition(4, "e"));
    assertThat(node.received).containsExactly("c=4@4", "c=5@5", "c=6@6");
    r.onPublication("c", at(8, "e"));
    r.onPublication("c", at(7, "e"));
    assertThat(node.received).endsWith("c=7@7", "c=8@8");
  }

  @Test
  void aStreamThatDidNotExistStartsAtOffsetOne() {
    OffsetReorder r = new OffsetReorder(node, Duration.ofMinutes(1), timer);
    r.track("c");
    r.baseline("c", StreamPosition.NONE);
    r.onPublication("c", at(2, "new"));
    assertThat(node.received).isEmpty();
    r.onPublication("c", at(1, "new"));
    assertThat(node.received).containsExactly("c=1@1", "c=2@2");
  }

  @Test
  void aBaselineThatNeverComesHoldsNoLongerThanTheWindow() {
    OffsetReorder r = new OffsetReorder(node, Duration.ofMillis(30), timer);
    r.track("c");
    r.onPublication("c", at(3, "e"));
    r.onPublication("c", at(2, "e"));
    await().atMost(Duration.ofSeconds(2)).until(() -> node.received.size() == 2);
    assertThat(node.received).containsExactly("c=2@2", "c=3@3");
    r.baseline("c", new StreamPosition(1, "e"));
    r.onPublication("c", at(4, "e"));
    assertThat(node.received).endsWith("c=4@4");
  }

  @Test
  void anEarlyPublicationWaitsForTheOnesBeforeIt() {
    OffsetReorder r = reorder(Duration.ofMinutes(1));
    r.onPublication("c", at(5, "e"));
    r.onPublication("c", at(8, "e"));
    r.onPublication("c", at(7, "e"));
    assertThat(node.received).containsExactly("c=5@5");
    r.onPublication("c", at(6, "e"));
    assertThat(node.received).containsExactly("c=5@5", "c=6@6", "c=7@7", "c=8@8");
    r.onPublication("c", at(9, "e"));
    assertThat(node.received).endsWith("c=9@9");
  }

  @Test
  void whenTheWindowPassesWhatIsHeldGoesOnWithItsGap() {
    OffsetReorder r = reorder(Duration.ofMillis(30));
    r.onPublication("c", at(1, "e"));
    r.onPublication("c", at(4, "e"));
    r.onPublication("c", at(3, "e"));
    assertThat(node.received).containsExactly("c=1@1");
    await().atMost(Duration.ofSeconds(2)).until(() -> node.received.size() == 3);
    assertThat(node.received).containsExactly("c=1@1", "c=3@3", "c=4@4");
    r.onPublication("c", at(2, "e"));
    r.onPublication("c", at(5, "e"));
    assertThat(node.received).endsWith("c=2@2", "c=5@5");
  }

  @Test
  void aNewEpochHandsOverWhatIsHeldAndStartsAgain() {
    OffsetReorder r = reorder(Duration.ofMinutes(1));
    r.onPublication("c", at(1, "old"));
    r.onPublication("c", at(3, "old"));
    r.onPublication("c", at(1, "new"));
    r.onPublication("c", at(2, "new"));
    assertThat(node.received).containsExactly("c=1@1", "c=3@3", "c=1@1", "c=2@2");
  }

  @Test
  void withoutHistoryUntrackedOrWithoutWindowNothingWaits() {
    OffsetReorder r = reorder(Duration.ofMinutes(1));
    r.onPublication("c", at(0, ""));
    r.onPublication("other", at(7, "e"));
    r.onPublication("other", at(9, "e"));
    OffsetReorder off = new OffsetReorder(node, Duration.ZERO, timer);
    off.track("x");
    off.onPublication("x", at(1, "e"));
    off.onPublication("x", at(3, "e"));
    r.onJoin("c", new ClientInfo("u", "c1", null, null));
    assertThat(node.received).containsExactly(
        "c=0@0", "other=7@7", "other=9@9", "x=1@1", "x=3@3", "join:c:c1");
  }

  @Test
  void forgettingOrAReconnectHandsOverWhatIsHeld() {
    OffsetReorder r = reorder(Duration.ofMinutes(1));
    r.onPublication("c", at(1, "e"));
    r.onPublication("c", at(3, "e"));
    r.onPositionCheck("c", new StreamPosition(5, "e"));
    assertThat(node.received).containsExactly("c=1@1", "c=3@3");
    assertThat(node.positionChecks).containsExactly("c@5:e");
    r.onPublication("c", at(7, "e"));
    r.onPublication("c", at(6, "e"));
    assertThat(node.received).endsWith("c=6@6", "c=7@7");
    r.onPublication("c", at(9, "e"));
    r.forget("c");
    assertThat(node.received).endsWith("c=9@9");
  }
}
