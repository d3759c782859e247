package io.herald.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users whose connection tokens are refused until a given time, whatever the tokens say: the
 * admin UI revokes its session's WebSocket user at logout. An entry needs to live only as long
 * as a token minted before the revocation could still be valid; expired entries are dropped on
 * the next revocation. Shared by every {@link TokenVerifier} of a node (a config reload keeps
 * it). Thread-safe.
 */
public final class RevokedUsers {

  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  /** Refuses connection tokens of {@code user} until {@code end}. */
  public void revoke(String user, Instant end) {
    Instant now = Instant.now();
    until.values().removeIf(t -> !t.isAfter(now));
    until.merge(user, end, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** True when tokens of {@code user} are refused at {@code now}. */
  public boolean revoked(String user, Instant now) {
    Instant end = until.get(user);
    return end != null && now.isBefore(end);
  }
}
