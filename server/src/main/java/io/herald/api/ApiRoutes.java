package io.herald.api;

import io.herald.transport.HttpExchange;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;

/**
 * Mounts the server HTTP API: {@code POST /api/<method>} with the key in {@code X-API-Key}. Another
 * method is 405 with error 107, a body over {@code api.maxBodySize} 413.
 */
public final class ApiRoutes {

  /** Where the API's methods live. */
  public static final String PREFIX = "/api/";

  private static final HttpReply USE_POST =
      HttpReply.json(405, "{\"error\":{\"code\":107,\"message\":\"use POST\"}}");
  private static final HttpReply INTERNAL =
      HttpReply.json(500, "{\"error\":{\"code\":100,\"message\":\"internal server error\"}}");

  private final ApiService api;
  private final int maxBodySize;

  /**
   * @param maxBodySize {@code api.maxBodySize}: larger requests get 413
   */
  public ApiRoutes(ApiService api, int maxBodySize) {
    this.api = api;
    this.maxBodySize = maxBodySize;
  }

  /** Mounts {@value #PREFIX} on {@code routes}. */
  public void mount(HttpRoutes routes) {
    routes.prefix(PREFIX, this::handle);
  }

  private void handle(HttpExchange x) {
    if (!x.method().equals("POST")) {
      x.respond(USE_POST);
      return;
    }
    if (x.bodySize() > maxBodySize) {
      x.respond(HttpReply.text(413, "request body larger than api.maxBodySize\n"));
      return;
    }
    String method = x.path().substring(PREFIX.length());
    x.reply(api.handle(method, x.header("X-API-Key"), x.body())
        .thenApply(reply -> HttpReply.json(reply.status(), reply.body())), INTERNAL);
  }
}
