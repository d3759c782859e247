package io.herald.api;

import io.herald.transport.HttpExchange;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;

/**
 * Mounts the server HTTP API: {@code POST /api/<method>} with the key in {@code X-API-Key}. Another
 * method is 405 with error 107, a body over {@code api.maxBodySize} 413. Also {@code GET
 * /api/openapi.yaml}, the API's OpenAPI description (docs/openapi.yaml, packed into the jar),
 * without key.
 */
public final class ApiRoutes {

  /** Where the API's methods live. */
  public static final String PREFIX = "/api/";

  /** Where the OpenAPI description is served. */
  public static final String DESCRIPTION = PREFIX + "openapi.yaml";

  private static final HttpReply USE_POST =
      HttpReply.json(405, "{\"error\":{\"code\":107,\"message\":\"use POST\"}}");
  private static final HttpReply USE_GET =
      HttpReply.json(405, "{\"error\":{\"code\":107,\"message\":\"use GET\"}}");
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

  /** Mounts {@value #PREFIX} and {@value #DESCRIPTION} on {@code routes}. */
  public void mount(HttpRoutes routes) {
    routes.prefix(PREFIX, this::handle);
    HttpReply description = OpenApiDescription.reply();
    routes.exact(DESCRIPTION, x -> x.respond(x.method().equals("GET") ? description : USE_GET));
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
