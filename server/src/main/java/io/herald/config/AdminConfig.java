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
 */
public record AdminConfig(
    String password, Duration sessionTtl, int maxFailedLogins, Duration lockout) {

  /** UI off, documented defaults for the rest. */
  public static AdminConfig defaults() {
    return new AdminConfig(null, Duration.ofHours(12), 5, Duration.ofMinutes(1));
  }

  /** True when a password is set. */
  public boolean enabled() {
    return password != null;
  }
}
