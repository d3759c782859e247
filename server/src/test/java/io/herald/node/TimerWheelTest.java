package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** The per-loop timer wheel on a fake loop: never early, at most one tick late, cancel, move. */
class TimerWheelTest {

  private static final long TICK = TimerWheel.TICK_NANOS;

  private final FakeLoop loop = new FakeLoop(Instant.parse("2026-01-01T00:00:00Z"));
  private final TimerWheel wheel = new TimerWheel(loop);
  private final List<String> fired = new ArrayList<>();

  private final class Probe extends TimerWheel.Entry {
    final String name;
    long firedAt = -1;
    LongConsumer then = now -> {};

    Probe(String name) {
      this.name = name;
    }

    @Override
    void expired(long now) {
      firedAt = now;
      fired.add(name);
      then.accept(now);
    }
  }

  @Test
  void firesAtItsDueTimeOrLessThanOneTickLaterNeverEarlier() {
    Probe p = new Probe("p");
    long due = wheel.now() + Duration.ofMillis(2_345).toNanos();
    wheel.schedule(p, due);
    loop.advance(Duration.ofMillis(2_344));
    assertThat(fired).isEmpty();
    loop.advance(Duration.ofMillis(200));
    assertThat(fired).containsExactly("p");
    assertThat(p.firedAt).isGreaterThanOrEqualTo(due).isLessThan(due + TICK);
    assertThat(wheel.size()).isZero();
    assertThat(p.scheduled()).isFalse();
  }

  @Test
  void entriesBeyondOneTurnWaitForTheirTurn() {
    long turn = TimerWheel.SLOTS * TICK;
    Probe far = new Probe("far");
    Probe near = new Probe("near");
    wheel.schedule(far, wheel.now() + turn + TICK); // the same slot as near, one turn later
    wheel.schedule(near, wheel.now() + TICK);
    loop.advance(Duration.ofNanos(2 * TICK));
    assertThat(fired).containsExactly("near");
    loop.advance(Duration.ofNanos(turn - 2 * TICK));
    assertThat(fired).containsExactly("near");
    loop.advance(Duration.ofNanos(2 * TICK));
    assertThat(fired).containsExactly("near", "far");
  }

  @Test
  void cancelledAndMovedEntriesDoNotFireAtTheOldTime() {
    Probe cancelled = new Probe("cancelled");
    Probe moved = new Probe("moved");
    wheel.schedule(cancelled, wheel.now() + Duration.ofSeconds(1).toNanos());
    wheel.schedule(moved, wheel.now() + Duration.ofSeconds(1).toNanos());
    wheel.cancel(cancelled);
    wheel.cancel(cancelled); // twice: nothing
    wheel.schedule(moved, wheel.now() + Duration.ofSeconds(5).toNanos());
    assertThat(wheel.size()).isEqualTo(1);
    loop.advance(Duration.ofSeconds(4));
    assertThat(fired).isEmpty();
    loop.advance(Duration.ofSeconds(2));
    assertThat(fired).containsExactly("moved");
  }

  @Test
  void anEarlierEntryReArmsTheWheel() {
    Probe late = new Probe("late");
    Probe early = new Probe("early");
    wheel.schedule(late, wheel.now() + Duration.ofSeconds(60).toNanos());
    wheel.schedule(early, wheel.now() + Duration.ofSeconds(1).toNanos());
    loop.advance(Duration.ofMillis(1_100));
    assertThat(fired).containsExactly("early");
  }

  @Test
  void anEntryMayRescheduleItselfAndCancelAnotherDueInTheSameTick() {
    Probe a = new Probe("a");
    Probe b = new Probe("b");
    long due = wheel.now() + Duration.ofSeconds(1).toNanos();
    a.then = now -> {
      wheel.cancel(b);
      if (fired.size() == 1) {
        wheel.schedule(a, now + Duration.ofSeconds(1).toNanos());
      }
    };
    b.then = now -> wheel.cancel(a);
    wheel.schedule(b, due);
    wheel.schedule(a, due);
    loop.advance(Duration.ofSeconds(10));
    // Whichever fires first cancels the other; a also comes back once.
    assertThat(fired).isIn(List.of("b"), List.of("a", "a"));
    assertThat(wheel.size()).isZero();
  }

  @Test
  void manyEntriesEachFireOnce() {
    for (int i = 1; i <= 100; i++) {
      wheel.schedule(new Probe("p" + i), wheel.now() + Duration.ofSeconds(i).toNanos());
    }
    loop.advance(Duration.ofSeconds(1_000));
    assertThat(fired).hasSize(100);
    assertThat(wheel.size()).isZero();
  }

  @Test
  void aFailingEntryDoesNotStopTheOthers() {
    Probe bad = new Probe("bad");
    bad.then = now -> {
      throw new IllegalStateException("boom");
    };
    Probe good = new Probe("good");
    long due = wheel.now() + Duration.ofSeconds(1).toNanos();
    wheel.schedule(bad, due);
    wheel.schedule(good, due);
    loop.advance(Duration.ofSeconds(2));
    assertThat(fired).containsExactlyInAnyOrder("bad", "good");
  }
}
