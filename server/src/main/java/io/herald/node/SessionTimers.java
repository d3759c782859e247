package io.herald.node;

import io.herald.config.ClientConfig;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Protocol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One session's timers: the connect timeout (3502 unless {@code connect} arrives within {@code
 * client.connectTimeout}), pings every {@code client.pingInterval} with a pong expected within
 * {@code client.pongTimeout} (3012), only for protocols with {@link Protocol.Feature#PING}, and
 * the token expiry check ({@code expiresAt + client.expiryGrace}, 3005). Confined to the
 * session's loop.
 *
 * <p>The four deadlines are fields; the session waits in its loop's {@link TimerWheel} as one
 * entry due at the earliest of them, and works out what is due when it fires (each fires up to
 * {@link TimerWheel#TICK_NANOS} late, never early). A deadline that is cleared (a pong arrived)
 * leaves the entry where it is: it then fires once for nothing and moves on, which is cheaper than
 * moving it on every pong.
 */
final class SessionTimers extends TimerWheel.Entry {

  /** Longest single wait for the expiry check; a later expiry is reached by checking again. */
  static final Duration MAX_TIMER = Duration.ofHours(24);

  private static final long NEVER = Long.MAX_VALUE;

  private final ClientSession session;
  private final ClientConfig limits;
  private final Clock clock;
  private TimerWheel wheel;
  private Instant expiresAt;
  private long connectDue = NEVER;
  private long pingDue = NEVER;
  private long pongDue = NEVER;
  private long expiryDue = NEVER;

  SessionTimers(ClientSession session, ClientConfig limits, Clock clock) {
    this.session = session;
    this.limits = limits;
    this.clock = clock;
  }

  /** The session opened on {@code wheel}'s loop: it must connect within {@code connectTimeout}. */
  void opened(TimerWheel wheel) {
    this.wheel = wheel;
    connectDue = wheel.now() + limits.connectTimeout().toNanos();
    rearm();
  }

  /** The session connected: pings start, the token's expiry is watched. */
  void connected(Instant tokenExpiresAt) {
    connectDue = NEVER;
    wheel.cancel(this); // waiting for the connect timeout: placed again below
    if (session.protocol().supports(Protocol.Feature.PING)) {
      pingDue = wheel.now() + limits.pingInterval().toNanos();
    }
    expiresAt(tokenExpiresAt);
  }

  /** Sets when the token expires (null: never) and (re)arms the expiry check. */
  void expiresAt(Instant at) {
    expiresAt = at;
    armExpiryCheck();
    rearm();
  }

  /** A pong arrived. */
  void pong() {
    pongDue = NEVER;
  }

  /** The session closed. */
  void cancelAll() {
    connectDue = NEVER;
    pingDue = NEVER;
    pongDue = NEVER;
    expiryDue = NEVER;
    if (wheel != null) {
      wheel.cancel(this);
    }
  }

  @Override
  void expired(long now) {
    if (session.closed()) {
      return;
    }
    if (connectDue <= now) {
      session.disconnect(Disconnect.STALE);
      return;
    }
    if (pongDue <= now) {
      session.disconnect(Disconnect.NO_PONG);
      return;
    }
    if (expiryDue <= now) {
      expiryDue = NEVER;
      checkExpired();
      if (session.closed()) {
        return;
      }
    }
    if (pingDue <= now) {
      ping(now);
    }
    rearm();
  }

  /**
   * Moves the wheel entry to the earliest deadline when that is sooner than where it waits (or
   * takes it out when there is none left and it is not waiting).
   */
  private void rearm() {
    long due = Math.min(Math.min(connectDue, pingDue), Math.min(pongDue, expiryDue));
    if (due == NEVER || wheel == null) {
      return;
    }
    if (!scheduled() || due < due()) {
      wheel.schedule(this, due);
    }
  }

  /**
   * Arms the expiry check for {@code expiresAt + expiryGrace}, at most {@link #MAX_TIMER} ahead:
   * a far-away expiry is reached by checking again, never by one huge delay.
   */
  private void armExpiryCheck() {
    expiryDue = NEVER;
    if (expiresAt == null || wheel == null) {
      return;
    }
    Duration until = Duration.between(clock.instant(), expiresAt).plus(limits.expiryGrace());
    if (until.isNegative()) {
      until = Duration.ZERO;
    } else if (until.compareTo(MAX_TIMER) > 0) {
      until = MAX_TIMER;
    }
    expiryDue = wheel.now() + until.toNanos();
  }

  private void checkExpired() {
    if (expiresAt == null || session.closed()) {
      return;
    }
    if (clock.instant().isBefore(expiresAt.plus(limits.expiryGrace()))) {
      armExpiryCheck();
    } else {
      session.disconnect(Disconnect.EXPIRED);
    }
  }

  private void ping(long now) {
    pingDue = NEVER;
    if (!session.connected()) {
      return;
    }
    session.write(session.encoder().ping());
    pongDue = now + limits.pongTimeout().toNanos();
    pingDue = now + limits.pingInterval().toNanos();
  }
}
