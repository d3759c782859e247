package io.herald.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The refinement of one server's sweep result between the ladder's steps: a bisection between
 * the highest rate the server held and the lowest it did not. Each round measures the geometric
 * midpoint (the ladder's steps grow geometrically) rounded to two significant figures, so 50 and
 * 100 give 71, then 71 and 100 give 84 or 50 and 71 give 60. A held midpoint becomes the new
 * {@link #held}, one not held the new {@link #failed}; the bisection ends when its rounds are
 * spent or when the rounded midpoint equals either end (nothing left between them at two
 * significant figures). Every rate it holds lies below every rate it failed, so the highest
 * rate held stays the highest held step. Immutable; no measuring here.
 *
 * @param held the highest rate held so far, above 0
 * @param failed the lowest rate not held so far, above {@code held}
 * @param roundsLeft how many midpoints may still be measured, 0 or more
 */
record RateBisection(double held, double failed, int roundsLeft) {

  private static final MathContext TWO_SIGNIFICANT = new MathContext(2, RoundingMode.HALF_UP);

  RateBisection {
    if (!(held > 0) || !(failed > held) || roundsLeft < 0) {
      throw new IllegalArgumentException(
          "bisection needs 0 < held < failed and rounds >= 0: " + held + ", " + failed + ", " + roundsLeft);
    }
  }

  /**
   * The bisection after a server held the ladder step {@code held} and failed the next one,
   * {@code failed}; empty when it held no step ({@code held} is 0), {@code rounds} is 0 or
   * nothing lies between the two ({@code failed} not above {@code held}, a repeated step).
   */
  static Optional<RateBisection> start(double held, double failed, int rounds) {
    if (held <= 0 || failed <= held || rounds <= 0) {
      return Optional.empty();
    }
    return Optional.of(new RateBisection(held, failed, rounds));
  }

  /**
   * The rate to measure next: the rounded geometric midpoint of {@link #held} and {@link
   * #failed}; empty when no round is left or the midpoint rounds to either end.
   */
  OptionalDouble next() {
    if (roundsLeft == 0) {
      return OptionalDouble.empty();
    }
    double mid = midpoint(held, failed);
    return mid <= held || mid >= failed ? OptionalDouble.empty() : OptionalDouble.of(mid);
  }

  /**
   * The bisection after the midpoint of {@link #next} was measured: held, it becomes the lower
   * end; not held, the upper one. One round is spent.
   *
   * @throws IllegalStateException when {@link #next} is empty
   */
  RateBisection after(boolean midpointHeld) {
    double mid = next().orElseThrow(() -> new IllegalStateException("bisection finished: " + this));
    return midpointHeld
        ? new RateBisection(mid, failed, roundsLeft - 1)
        : new RateBisection(held, mid, roundsLeft - 1);
  }

  /** sqrt(low x high), rounded to two significant figures (half up). */
  static double midpoint(double low, double high) {
    return twoSignificant(Math.sqrt(low * high));
  }

  /** {@code v} rounded to two significant figures, half up: 70.71 to 71, 1183 to 1200. */
  static double twoSignificant(double v) {
    return new BigDecimal(v).round(TWO_SIGNIFICANT).doubleValue();
  }
}
