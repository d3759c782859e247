/**
 * Feature: the admin UI (docs/operations.md): login sessions, node stats published to the admin
 * channel, and its HTTP side ({@link io.herald.admin.AdminHttp}) mounted under {@code /admin}
 * through {@link io.herald.transport.HttpRoutes}.
 *
 * <p>May depend on {@code node} (the facade), {@code api}, {@code auth}, {@code metrics}, {@code
 * ops}, {@code config}, {@code transport} (to mount routes), Netty's cookie codec and Jackson.
 * Nothing but {@code server} depends on it.
 */
package io.herald.admin;
