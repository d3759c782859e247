package io.herald.transport;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.herald.config.HeraldConfig;
import io.herald.json.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reading the fallback endpoints' requests and answering their errors: JSON bodies and connect
 * params within the client's JSON limits ({@code client.maxJsonDepth}, string length, tokens),
 * the token cookie, and {@code {"error": "..."}} answers with the CORS headers of the request's
 * origin. Stateless after construction; thread-safe.
 */
final class FallbackRequests {

  private final ObjectMapper mapper;
  private final String tokenCookie;

  FallbackRequests(HeraldConfig config) {
    this.mapper = Json.mapper(config.client().maxJsonDepth(),
        config.client().maxJsonStringLength(), config.client().maxJsonTokens());
    this.tokenCookie = config.fallback().tokenCookie();
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** The body as a JSON object; null after answering 400. An empty body is {} when allowed. */
  JsonNode body(ChannelHandlerContext ctx, FullHttpRequest request, boolean emptyOk) {
    byte[] bytes = ByteBufUtil.getBytes(request.content());
    if (bytes.length == 0 && emptyOk) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(bytes);
      if (node != null && node.isObject()) {
        return node;
      }
      error(ctx, request, 400, "the body must be a JSON object");
    } catch (JacksonException e) {
      error(ctx, request, 400, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      error(ctx, request, 400, "the body cannot be read");
    }
    return null;
  }

  /**
   * The connect params from {@code json} (null: {}), with the cookie token; null after answering
   * 400.
   */
  ObjectNode connectParams(ChannelHandlerContext ctx, FullHttpRequest request, String json) {
    ObjectNode params;
    if (json == null) {
      params = mapper.createObjectNode();
    } else {
      try {
        JsonNode parsed = mapper.readTree(json);
        if (!(parsed instanceof ObjectNode object)) {
          error(ctx, request, 400, "connect must be a JSON object of connect params");
          return null;
        }
        params = object;
      } catch (IOException e) {
        error(ctx, request, 400, "connect is not JSON");
        return null;
      }
    }
    withCookieToken(params, request);
    return params;
  }

  /** Takes the connection token from {@code fallback.tokenCookie} when the params have none. */
  void withCookieToken(ObjectNode params, FullHttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.COOKIE);
    if (tokenCookie.isEmpty() || header == null || params.hasNonNull("token")) {
      return;
    }
    for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
      if (cookie.name().equals(tokenCookie)) {
        params.put("token", cookie.value());
        return;
      }
    }
  }

  /** The first value of query parameter {@code name}, or null. */
  static String queryParam(FullHttpRequest request, String name) {
    List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Answers {@code status} with {@code {"error": message}}. */
  static void error(
      ChannelHandlerContext ctx, FullHttpRequest request, int status, String message) {
    error(ctx, HttpUtil.isKeepAlive(request), Cors.origin(request), status, message);
  }

  /** As above, for a request already released; any thread. */
  static void error(
      ChannelHandlerContext ctx, boolean keepAlive, String origin, int status, String message) {
    byte[] body = ("{\"error\":" + TextNode.valueOf(message) + "}")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponses.send(ctx, keepAlive, status, "application/json", body,
        h -> Cors.allow(h, origin));
  }
}
