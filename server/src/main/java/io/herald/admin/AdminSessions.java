package io.herald.admin;

import io.herald.config.AdminConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin logins: checks the password (in constant time), throttles failed attempts per address and
 * across addresses ({@link LoginThrottle}), and keeps the sessions that a cookie names. A session expires after {@code admin.sessionTtl}
 * without use. Sessions live in memory: a restart logs every admin out. Thread-safe.
 */
public final class AdminSessions {

  /** Random bytes in a session id: 256 bits. */
  static final int SESSION_ID_BYTES = 32;

  /**
   * What a login attempt came to.
   *
   * @param sessionId the new session's id when the password was right, else null
   * @param retryAfter when throttled, how long to wait; else zero
   */
  public record Login(String sessionId, Duration retryAfter) {

    /** True when the password was right. */
    public boolean ok() {
      return sessionId != null;
    }

    /** True when the address tried too often and was not checked at all. */
    public boolean throttled() {
      return !retryAfter.isZero();
    }
  }

  /**
   * A logged-in admin.
   *
   * @param id the session id (the cookie's value)
   * @param user the user id its WebSocket connects as: unique per session, so a live tail
   *     subscribed for one admin reaches only that admin's page
   */
  public record Session(String id, String user) {}

  private final byte[] passwordHash;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random;
  private final LoginThrottle throttle;
  private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();

  /**
   * @param config the password, session TTL and throttle
   * @param clock what expiry and the throttle window are measured with
   * @param random where session ids come from; a {@link SecureRandom} so they cannot be guessed
   */
  public AdminSessions(AdminConfig config, Clock clock, SecureRandom random) {
    this.passwordHash = sha256(config.password());
    this.ttl = config.sessionTtl();
    this.clock = clock;
    this.random = random;
    this.throttle = new LoginThrottle(
        config.maxFailedLogins(), config.maxFailedLoginsTotal(), config.lockout());
  }

  /** Checks {@code password} from {@code address}; a throttled address is not checked. */
  public Login login(String password, String address) {
    Instant now = clock.instant();
    Duration wait = throttle.retryAfter(address, now);
    if (!wait.isZero()) {
      return new Login(null, wait);
    }
    if (password == null || !MessageDigest.isEqual(passwordHash, sha256(password))) {
      throttle.failed(address, now);
      return new Login(null, Duration.ZERO);
    }
    throttle.succeeded(address);
    purgeExpired(now);
    byte[] id = new byte[SESSION_ID_BYTES];
    random.nextBytes(id);
    String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    lastUse.put(sessionId, now);
    return new Login(sessionId, Duration.ZERO);
  }

  /** The live session {@code id} names, refreshing its expiry; null when unknown or expired. */
  public Session find(String id) {
    if (id == null) {
      return null;
    }
    Instant now = clock.instant();
    Instant seen = lastUse.get(id);
    if (seen == null) {
      return null;
    }
    if (!now.isBefore(seen.plus(ttl))) {
      lastUse.remove(id);
      return null;
    }
    lastUse.put(id, now);
    return new Session(id, userOf(id));
  }

  /** Ends session {@code id}; unknown ids are ignored. */
  public void logout(String id) {
    if (id != null) {
      lastUse.remove(id);
    }
  }

  /** Now, on this sessions' clock. */
  Instant now() {
    return clock.instant();
  }

  /** Number of live sessions (expired ones are dropped at the next login). */
  int size() {
    return lastUse.size();
  }

  private void purgeExpired(Instant now) {
    lastUse.values().removeIf(seen -> !now.isBefore(seen.plus(ttl)));
  }

  /** How long a session lasts unused. */
  public Duration ttl() {
    return ttl;
  }

  /** The WebSocket user of session {@code id}: not the id itself, which is the secret. */
  private static String userOf(String id) {
    byte[] h = sha256(id);
    StringBuilder sb = new StringBuilder("herald-admin-");
    for (int i = 0; i < 6; i++) {
      sb.append(String.format("%02x", h[i]));
    }
    return sb.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
