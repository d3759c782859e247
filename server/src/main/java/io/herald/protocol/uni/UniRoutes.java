package io.herald.protocol.uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.config.HeraldConfig;
import io.herald.node.Node;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.Transport;
import io.herald.transport.HttpExchange;
import io.herald.transport.HttpReply;
import io.herald.transport.HttpRoutes;
import io.herald.transport.HttpStream;
import io.herald.transport.WebSocketConnection;
import io.herald.transport.WebSocketEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mounts the uni endpoints: {@code GET /connection/uni/sse}, {@code GET /connection/uni/stream}
 * and the WebSocket {@code /connection/uni/websocket} (docs/uni.md). Each connection gets a node
 * session of {@link UniProtocol}, connected with what its request asks for.
 */
public final class UniRoutes {

  public static final String SSE_PATH = "/connection/uni/sse";
  public static final String STREAM_PATH = "/connection/uni/stream";
  public static final String WEBSOCKET_PATH = "/connection/uni/websocket";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Node node;
  private final HeraldConfig config;
  private final UniProtocol protocol = new UniProtocol();
  private final UniConnector connector;

  public UniRoutes(Node node, HeraldConfig config) {
    this.node = node;
    this.config = config;
    this.connector = new UniConnector(node);
  }

  /** Mounts the three endpoints on {@code routes}. */
  public void mount(HttpRoutes routes) {
    routes.session("GET", SSE_PATH, x -> http(x, UniWire.SSE));
    routes.session("GET", STREAM_PATH, x -> http(x, UniWire.STREAM));
    routes.webSocket(WEBSOCKET_PATH, this::webSocket);
  }

  private Duration keepalive(UniWire wire) {
    return wire == UniWire.SSE ? config.fallback().heartbeatInterval()
        : config.client().pingInterval();
  }

  private UniRequest parse(Map<String, List<String>> query, java.util.function.Function<String,
      String> header, boolean sse) throws UniRequest.Refused {
    return UniRequest.parse(query, header, config.fallback().tokenCookie(),
        config.client().channelLimit(), sse);
  }

  private void http(HttpExchange x, UniWire wire) {
    UniRequest request;
    try {
      request = parse(x.query(), x::header, wire == UniWire.SSE);
    } catch (UniRequest.Refused e) {
      x.respond(refusalReply(e.refusal()));
      return;
    }
    Handshake kept = Handshake.of(x.headers(), node.handshakeHeaders());
    HttpOutput output = new HttpOutput(x, wire, kept);
    UniConnection connection = new UniConnection(wire, x.loop(), kept, output, keepalive(wire));
    output.connection = connection;
    connection.session(node.open(connection, protocol));
    connector.connect(connection, request);
  }

  static HttpReply refusalReply(UniRefusal r) {
    return HttpReply.json(r.status(), JSON.createObjectNode().put("error", r.reason())
        .put("code", r.closeCode()).toString());
  }

  /** An HTTP answer that becomes a stream once connected, or a refusal. */
  private static final class HttpOutput implements UniConnection.Output {
    private final HttpExchange exchange;
    private final UniWire wire;
    private final Handshake kept;
    UniConnection connection;

    HttpOutput(HttpExchange exchange, UniWire wire, Handshake kept) {
      this.exchange = exchange;
      this.wire = wire;
      this.kept = kept;
    }

    @Override
    public Transport start() {
      HttpStream stream = exchange.stream(wire.transportName, wire.contentType, kept);
      stream.onClosed(connection::transportGone);
      if (wire == UniWire.SSE) {
        stream.write(Frame.wrap(wire.keepalive())); // shows the stream started at once
      }
      return stream;
    }

    @Override
    public void refuse(UniRefusal refusal, byte[] errorMessage) {
      exchange.respond(refusalReply(refusal));
    }
  }

  private WebSocketEndpoint.Session webSocket(WebSocketConnection ws) {
    Handshake kept = Handshake.of(ws.headers(), node.handshakeHeaders());
    Transport out = ws.transport(kept);
    UniConnection connection = new UniConnection(UniWire.WEBSOCKET, out.loop(), kept,
        new UniConnection.Output() {
          @Override
          public Transport start() {
            return out;
          }

          @Override
          public void refuse(UniRefusal refusal, byte[] errorMessage) {
            out.write(Frame.wrap(errorMessage));
            out.close(refusal.disconnect());
          }
        }, keepalive(UniWire.WEBSOCKET));
    connection.session(node.open(connection, protocol));
    Map<String, List<String>> query = ws.query();
    boolean fromQuery = UniRequest.inQuery(query);
    if (fromQuery) {
      start(connection, query, ws);
    }
    return new WebSocketEndpoint.Session() {
      private boolean waiting = !fromQuery;

      @Override
      public void text(byte[] message) {
        if (waiting) { // later messages (a pong, say) are ignored: the server only sends
          waiting = false;
          try {
            start(connection, firstMessage(message), ws);
          } catch (UniRequest.Refused e) {
            connection.refuse(e.refusal());
          }
        }
      }

      @Override
      public void closed() {
        connection.transportGone();
      }
    };
  }

  private void start(UniConnection connection, Map<String, List<String>> query,
      WebSocketConnection ws) {
    try {
      connector.connect(connection, parse(query, ws::header, false));
    } catch (UniRequest.Refused e) {
      connection.refuse(e.refusal());
    }
  }

  /**
   * The first message as query parameters: {@code {"token", "channels": [names] | "a,b" |
   * {name: {"offset", "epoch"?}}, "since": "a:1,b:2"}}.
   */
  static Map<String, List<String>> firstMessage(byte[] message) throws UniRequest.Refused {
    JsonNode m;
    try {
      m = JSON.readTree(message);
    } catch (IOException e) {
      m = null;
    }
    if (m == null || !m.isObject()) {
      throw new UniRequest.Refused(UniRefusal.badRequest("the first message must be a JSON object"));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    List<String> since = new ArrayList<>();
    JsonNode channels = m.path("channels");
    if (channels.isTextual()) {
      query.put("channels", List.of(channels.textValue()));
    } else if (channels.isArray()) {
      for (JsonNode name : channels) {
        names.add(text(name, "channels"));
      }
    } else if (channels.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = channels.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        names.add(e.getKey());
        JsonNode offset = e.getValue().path("offset");
        if (offset.isIntegralNumber()) {
          String epoch = e.getValue().path("epoch").isTextual()
              ? "~" + e.getValue().get("epoch").textValue() : "";
          since.add(e.getKey().replace(",", "%2C") + ":" + offset.asText() + epoch);
        }
      }
    } else if (!channels.isMissingNode() && !channels.isNull()) {
      throw new UniRequest.Refused(UniRefusal.badRequest("channels must be a list or an object"));
    }
    if (m.has("since")) {
      since.add(text(m.get("since"), "since"));
    }
    if (m.has("token")) {
      query.put("token", List.of(text(m.get("token"), "token")));
    }
    query.put("channel", names);
    query.put("since", since);
    return query;
  }

  private static String text(JsonNode node, String field) throws UniRequest.Refused {
    if (!node.isTextual()) {
      throw new UniRequest.Refused(UniRefusal.badRequest(field + " must hold strings"));
    }
    return node.textValue();
  }
}
