package io.herald.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed admin logins per client address: after {@code maxFailures} within {@code window}
 * the address is refused until the window that started with its first failure has passed. A
 * successful login clears the address. Holds at most {@value #MAX_ADDRESSES} addresses (expired
 * ones are dropped first; past the bound every unknown address shares one entry, so a flood of
 * addresses is throttled together rather than growing memory). Thread-safe.
 */
final class LoginThrottle {

  static final int MAX_ADDRESSES = 10_000;
  private static final String OVERFLOW = "*";

  private record Window(Instant start, int failures) {}

  private final int maxFailures;
  private final Duration window;
  private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration window) {
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** How long {@code address} must still wait, or {@link Duration#ZERO} when it may try now. */
  Duration retryAfter(String address, Instant now) {
    Window w = byAddress.get(key(address));
    if (w == null || w.failures() < maxFailures) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, w.start().plus(window));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Records a failed login of {@code address}. */
  void failed(String address, Instant now) {
    if (byAddress.size() >= MAX_ADDRESSES) {
      purge(now);
    }
    byAddress.compute(
        key(address),
        (a, w) ->
            w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
  }

  /** Forgets {@code address}'s failures after it logged in. */
  void succeeded(String address) {
    byAddress.remove(address);
  }

  private String key(String address) {
    return byAddress.containsKey(address) || byAddress.size() < MAX_ADDRESSES ? address : OVERFLOW;
  }

  private void purge(Instant now) {
    for (Iterator<Window> it = byAddress.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next().start().plus(window))) {
        it.remove();
      }
    }
  }
}
