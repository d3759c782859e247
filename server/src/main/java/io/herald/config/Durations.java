package io.herald.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of the config: a whole number followed by {@code ms}, {@code s}, {@code m},
 * {@code h} or {@code d} ({@code 500ms}, {@code 25s}, {@code 10m}, {@code 1h}, {@code 30d}), or a
 * bare whole number meaning seconds. {@code 0} is allowed where a key means "off"; negative
 * durations never are. Stateless and thread-safe.
 */
public final class Durations {

  /** What a duration may look like; the second half of every duration error message. */
  public static final String ALLOWED = "use a number with ms, s, m, h or d (e.g. 25s)";

  private static final Pattern SYNTAX = Pattern.compile("(-?)([0-9]{1,18})(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * Parses {@code text} (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException with a message of the form {@code "25x" is not a duration;
   *     use ...}, meant to follow a key path
   */
  public static Duration parse(String text) {
    String t = text.strip();
    Matcher m = SYNTAX.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(Scalars.quote(text) + " is not a duration; " + ALLOWED);
    }
    if (!m.group(1).isEmpty()) {
      throw new IllegalArgumentException(Scalars.quote(text) + " is negative; " + ALLOWED);
    }
    long n = Long.parseLong(m.group(2));
    String unit = m.group(3) == null ? "s" : m.group(3);
    try {
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(Scalars.quote(text) + " is too long; " + ALLOWED);
    }
  }

  /**
   * Parses a bare number of seconds, as YAML gives it for {@code historyTtl: 0}.
   *
   * @throws IllegalArgumentException when {@code seconds} is negative or too large
   */
  public static Duration ofSeconds(long seconds) {
    return parse(Long.toString(seconds));
  }

  /**
   * Formats {@code d} in the largest unit that divides it exactly ({@code 25s}, {@code 5m},
   * {@code 500ms}, {@code 0s}), so that {@code parse(format(d)).equals(d)} for any duration of
   * whole milliseconds. Sub-millisecond parts are dropped.
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return (ms / sizes[i]) + units[i];
      }
    }
    return ms + "ms";
  }
}
