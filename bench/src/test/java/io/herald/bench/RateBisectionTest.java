package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class RateBisectionTest {

  /** The rates a bisection measures when the server holds exactly the rates {@code holds}. */
  private static List<Double> measured(double held, double failed, int rounds, DoublePredicate holds) {
    List<Double> out = new ArrayList<>();
    RateBisection b = RateBisection.start(held, failed, rounds).orElseThrow();
    while (b.next().isPresent()) {
      double mid = b.next().getAsDouble();
      out.add(mid);
      b = b.after(holds.test(mid));
    }
    return out;
  }

  @Test
  void theMidpointIsGeometricRoundedToTwoSignificantFigures() {
    assertThat(RateBisection.midpoint(50, 100)).isEqualTo(71.0);
    assertThat(RateBisection.midpoint(71, 100)).isEqualTo(84.0);
    assertThat(RateBisection.midpoint(50, 71)).isEqualTo(60.0);
    assertThat(RateBisection.midpoint(10, 20)).isEqualTo(14.0);
    assertThat(RateBisection.midpoint(1000, 1400)).isEqualTo(1200.0);
    assertThat(RateBisection.midpoint(7000, 10000)).isEqualTo(8400.0);
    assertThat(RateBisection.twoSignificant(0.7071)).isEqualTo(0.71);
    assertThat(RateBisection.twoSignificant(14.5)).isEqualTo(15.0);
    assertThat(RateBisection.twoSignificant(123456)).isEqualTo(120000.0);
  }

  @Test
  void aHeldMidpointRaisesTheLowerEndAndOneNotHeldLowersTheUpper() {
    RateBisection b = RateBisection.start(50, 100, 2).orElseThrow();
    assertThat(b.next()).hasValue(71.0);
    assertThat(b.after(true)).isEqualTo(new RateBisection(71, 100, 1));
    assertThat(b.after(false)).isEqualTo(new RateBisection(50, 71, 1));
    assertThat(b.after(true).next()).hasValue(84.0);
    assertThat(b.after(false).next()).hasValue(60.0);
    assertThat(b.after(true).after(false).next()).isEmpty();
  }

  @Test
  void aServerThatHoldsUpTo90IsMeasuredAt71Then84Then92() {
    assertThat(measured(50, 100, 3, r -> r <= 90)).containsExactly(71.0, 84.0, 92.0);
    assertThat(measured(50, 100, 2, r -> r <= 90)).containsExactly(71.0, 84.0);
    assertThat(measured(50, 100, 2, r -> r <= 55)).containsExactly(71.0, 60.0);
  }

  @Test
  void aMidpointThatRoundsToAnEndEndsTheBisection() {
    assertThat(RateBisection.start(99, 100, 2).orElseThrow().next()).isEmpty();
    assertThat(RateBisection.start(1000, 1100, 2).orElseThrow().next()).isEmpty();
    // 10 and 12: 10.95 rounds to 11; then 11 and 12: 11.49 rounds to 11, the lower end.
    assertThat(measured(10, 12, 5, r -> true)).containsExactly(11.0);
  }

  @Test
  void noRefinementWithoutAHeldStepOrWithoutRounds() {
    assertThat(RateBisection.start(0, 10, 2)).isEmpty();
    assertThat(RateBisection.start(50, 100, 0)).isEmpty();
    assertThat(RateBisection.start(50, 50, 2)).isEmpty();
    assertThatThrownBy(() -> new RateBisection(100, 50, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateBisection(50, 100, 0).after(true))
        .isInstanceOf(IllegalStateException.class);
  }
}
