package io.herald.transport;

/**
 * Answers one plain HTTP request mounted through {@link HttpRoutes}. Runs on the connection's
 * event loop; must not block. It answers exactly once, now or later, through {@link HttpExchange}
 * ({@link HttpExchange#reply} for an asynchronous answer).
 */
@FunctionalInterface
public interface HttpHandler {

  /** Handles {@code exchange}. An exception thrown here is answered with 500. */
  void handle(HttpExchange exchange);
}
