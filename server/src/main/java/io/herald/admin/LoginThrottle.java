package io.herald.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles failed admin logins, per address and across all addresses, without ever letting an
 * attacker lock out an admin who has not failed.
 *
 * <ul>
 *   <li><b>Per address:</b> after {@code maxFailures} failures within {@code window} (counted from
 *       the address's first failure) the address is refused until that window has passed.
 *   <li><b>Per attempted name:</b> the admin UI has one account, so every attempt is against the
 *       same name: failures from all addresses are counted together. Past {@code maxTotal}
 *       within one window (many addresses guessing at once), an address may fail only once per
 *       window. An address with no failure is always checked, so the real admin, typing the
 *       right password, is never refused because of someone else's attempts.
 * </ul>
 *
 * <p>A successful login clears its address. At most {@value #MAX_ADDRESSES} addresses are
 * remembered: expired windows are dropped first, then the oldest; a flood of addresses therefore
 * costs bounded memory and never shares one entry (which an attacker could lock). Thread-safe.
 */
final class LoginThrottle {

  static final int MAX_ADDRESSES = 10_000;

  private record Window(Instant start, int failures) {}

  private final int maxFailures;
  private final int maxTotal;
  private final Duration window;
  private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
  private Window total; // guarded by this

  /**
   * @param maxFailures failures one address may have within a window
   * @param maxTotal failures all addresses together may have within a window before each
   *     address is held to one
   * @param window the counting window, and how long an address over its bound is refused
   */
  LoginThrottle(int maxFailures, int maxTotal, Duration window) {
    this.maxFailures = maxFailures;
    this.maxTotal = maxTotal;
    this.window = window;
  }

  /** How long {@code address} must still wait, or {@link Duration#ZERO} when it may try now. */
  Duration retryAfter(String address, Instant now) {
    Window w = live(byAddress.get(address), now);
    if (w == null) {
      return Duration.ZERO;
    }
    int allowed = underAttack(now) ? 1 : maxFailures;
    if (w.failures() < allowed) {
      return Duration.ZERO;
    }
    return Duration.between(now, w.start().plus(window));
  }

  /** Records a failed login of {@code address}. */
  void failed(String address, Instant now) {
    synchronized (this) {
      total = live(total, now) == null ? new Window(now, 1)
          : new Window(total.start(), total.failures() + 1);
    }
    if (!byAddress.containsKey(address) && byAddress.size() >= MAX_ADDRESSES) {
      makeRoom(now);
    }
    byAddress.compute(address, (a, w) -> live(w, now) == null
        ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
  }

  /** Forgets {@code address}'s failures after it logged in. */
  void succeeded(String address) {
    byAddress.remove(address);
  }

  /** Addresses remembered (tests). */
  int size() {
    return byAddress.size();
  }

  private synchronized boolean underAttack(Instant now) {
    Window t = live(total, now);
    return t != null && t.failures() >= maxTotal;
  }

  private Window live(Window w, Instant now) {
    return w == null || !now.isBefore(w.start().plus(window)) ? null : w;
  }

  private void makeRoom(Instant now) {
    byAddress.values().removeIf(w -> live(w, now) == null);
    String oldest = null;
    Instant oldestStart = null;
    for (Iterator<Map.Entry<String, Window>> it = byAddress.entrySet().iterator();
        it.hasNext() && byAddress.size() >= MAX_ADDRESSES; ) {
      Map.Entry<String, Window> e = it.next();
      if (oldestStart == null || e.getValue().start().isBefore(oldestStart)) {
        oldest = e.getKey();
        oldestStart = e.getValue().start();
      }
    }
    if (oldest != null && byAddress.size() >= MAX_ADDRESSES) {
      byAddress.remove(oldest);
    }
  }
}
