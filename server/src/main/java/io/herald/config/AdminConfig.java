package io.herald.config;

import java.time.Duration;

/**
 * The admin web UI at {@code /admin}.
 *
 * @param password the password to log in with, at least 12 characters; null (default) turns the
 *     UI off ({@code /admin} answers 404)
 * @param sessionTtl how long a login lasts without activity; default 12h
 * @param maxFailedLogins failed logins allowed from one address within {@code lockout}; more
 *     are answered 429 until the window passes; default 5
 * @param lockout the window failed logins are counted in, and how long an address is refused
 *     once over {@code maxFailedLogins}; default 1m
 * @param maxFailedLoginsTotal failed logins from all addresses together within {@code lockout}
 *     before each address is held to one failure per window (an address with no failure is
 *     always checked, so this never locks the real admin out); default 20
 * @param secureCookie whether the session cookie is marked {@code Secure} when the request
 *     itself did not come over TLS (set it behind a TLS-terminating proxy); over TLS it always
 *     is; default false
 */
public record AdminConfig(
    String password,
    Duration sessionTtl,
    int maxFailedLogins,
    Duration lockout,
    int maxFailedLoginsTotal,
    boolean secureCookie) {

  /** Default {@link #maxFailedLoginsTotal()}. */
  public static final int DEFAULT_MAX_FAILED_LOGINS_TOTAL = 20;

  /** A config with {@link #maxFailedLoginsTotal()} and {@link #secureCookie()} at defaults. */
  public AdminConfig(String password, Duration sessionTtl, int maxFailedLogins, Duration lockout) {
    this(password, sessionTtl, maxFailedLogins, lockout, DEFAULT_MAX_FAILED_LOGINS_TOTAL, false);
  }

  /** UI off, documented defaults for the rest. */
  public static AdminConfig defaults() {
    return new AdminConfig(null, Duration.ofHours(12), 5, Duration.ofMinutes(1));
  }

  /** True when a password is set. */
  public boolean enabled() {
    return password != null;
  }
}
