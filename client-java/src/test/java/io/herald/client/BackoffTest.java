package io.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void fullJitterDoublesUpToTheCeiling() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), () -> 0.5);
    assertThat(IntStream.range(0, 9).mapToLong(i -> b.next()).boxed().toList())
        .containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L);
    b.reset();
    assertThat(b.next()).isEqualTo(250);
    assertThat(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), () -> 0).next())
        .isZero();
  }

  @Test
  void badBoundsAreRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeCodes() {
    for (int code : new int[] {1000, 1006, 1009, 3001, 3005, 3012, 4000, 4499}) {
      assertThat(HeraldClient.shouldReconnect(code)).as("%d", code).isTrue();
    }
    for (int code : new int[] {1002, 1003, 1007, 3500, 3503, 3999, 4500, 4999}) {
      assertThat(HeraldClient.shouldReconnect(code)).as("%d", code).isFalse();
    }
  }
}
