package io.herald.node;

import io.herald.config.ClientConfig;
import io.herald.node.protocol.Cancellable;
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
 */
final class SessionTimers {

  /** Longest single timer delay; longer waits re-arm. */
  static final Duration MAX_TIMER = Duration.ofHours(24);

  private final ClientSession session;
  private final ClientConfig limits;
  private final Clock clock;
  private Instant expiresAt;
  private Cancellable connectTimer = Cancellable.NONE;
  private Cancellable pingTimer = Cancellable.NONE;
  private Cancellable pongTimer = Cancellable.NONE;
  private Cancellable expiryTimer = Cancellable.NONE;

  SessionTimers(ClientSession session, ClientConfig limits, Clock clock) {
    this.session = session;
    this.limits = limits;
    this.clock = clock;
  }

  /** The session opened: it must connect within {@code client.connectTimeout}. */
  void opened() {
    connectTimer = session.loop().schedule(
        () -> session.disconnect(Disconnect.STALE), limits.connectTimeout());
  }

  /** The session connected: pings start, the token's expiry is watched. */
  void connected(Instant tokenExpiresAt) {
    connectTimer.cancel();
    connectTimer = Cancellable.NONE; // a cancelled timer kept in the field would stay in the heap
    schedulePing();
    expiresAt(tokenExpiresAt);
  }

  /** Sets when the token expires (null: never) and (re)arms the expiry check. */
  void expiresAt(Instant at) {
    expiresAt = at;
    armExpiryCheck();
  }

  /** A pong arrived. */
  void pong() {
    pongTimer.cancel();
    pongTimer = Cancellable.NONE;
  }

  /** The session closed. */
  void cancelAll() {
    connectTimer.cancel();
    pingTimer.cancel();
    pongTimer.cancel();
    expiryTimer.cancel();
  }

  /**
   * Schedules the expiry check for {@code expiresAt + expiryGrace}, at most {@link #MAX_TIMER}
   * ahead: a far-away expiry is reached by re-arming, never by one huge delay.
   */
  private void armExpiryCheck() {
    expiryTimer.cancel();
    if (expiresAt == null) {
      return;
    }
    Duration until = Duration.between(clock.instant(), expiresAt).plus(limits.expiryGrace());
    if (until.isNegative()) {
      until = Duration.ZERO;
    } else if (until.compareTo(MAX_TIMER) > 0) {
      until = MAX_TIMER;
    }
    expiryTimer = session.loop().schedule(this::checkExpired, until);
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

  private void schedulePing() {
    if (session.protocol().supports(Protocol.Feature.PING)) {
      pingTimer = session.loop().schedule(this::ping, limits.pingInterval());
    }
  }

  private void ping() {
    if (!session.connected()) {
      return;
    }
    session.write(session.encoder().ping());
    pongTimer.cancel();
    pongTimer = session.loop().schedule(
        () -> session.disconnect(Disconnect.NO_PONG), limits.pongTimeout());
    schedulePing();
  }
}
