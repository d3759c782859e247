package io.herald.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;

/**
 * {@code POST /connection/emulation} {@code {"session", "data"}}: hands a client's JSON-RPC
 * message or batch to its fallback session, here (204) or on the node its id names (202), or
 * answers 404 (docs/transports.md). The answers to the message go out on the session's stream or
 * poll. Runs on the request's connection loop; answers from whichever thread routing completes on.
 */
final class EmulationEndpoint {

  private final FallbackSessions sessions;
  private final FallbackRequests requests;

  EmulationEndpoint(FallbackSessions sessions, FallbackRequests requests) {
    this.sessions = sessions;
    this.requests = requests;
  }

  void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    JsonNode body = requests.body(ctx, request, false);
    if (body == null) {
      return;
    }
    JsonNode session = body.path("session");
    JsonNode data = body.path("data");
    if (!session.isTextual() || !(data.isObject() || data.isArray())) {
      FallbackRequests.error(ctx, request, 400,
          "the body is {\"session\": \"<id>\", \"data\": <a JSON-RPC object or batch>}");
      return;
    }
    byte[] bytes;
    try {
      bytes = requests.mapper().writeValueAsBytes(data);
    } catch (IOException e) {
      FallbackRequests.error(ctx, request, 400, "data cannot be encoded");
      return;
    }
    String origin = Cors.origin(request);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    sessions.route(session.asText(), bytes).whenComplete((routed, failure) -> {
      if (failure != null) {
        FallbackRequests.error(ctx, keepAlive, origin, 503,
            "the cluster could not take the message");
      } else if (routed == FallbackSessions.Routed.UNKNOWN) {
        FallbackRequests.error(ctx, keepAlive, origin, 404, "unknown session");
      } else {
        int status = routed == FallbackSessions.Routed.HERE ? 204 : 202;
        HttpResponses.send(ctx, keepAlive, status, "text/plain", new byte[0],
            h -> Cors.allow(h, origin));
      }
    });
  }
}
