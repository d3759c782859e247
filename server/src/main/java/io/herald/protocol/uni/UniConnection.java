package io.herald.protocol.uni;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.node.ClientSession;
import io.herald.node.protocol.Cancellable;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Transport;
import io.herald.protocol.uni.Positions.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One uni connection as its session's {@link Transport}: it sees every message the session sends
 * and turns it into the endpoint's {@link UniWire wire}, keeping the connection's position in each
 * channel (for the SSE event ids). Until the session is connected nothing goes out: a refused
 * token or a refused channel becomes an HTTP status (SSE, stream) or an {@code error} message and
 * a close code (WebSocket), see {@link UniRefusal}. Once connected it sends {@code connected},
 * then for each channel resumed from a position either what was missed or a {@code recovery}
 * message with {@code recovered: false}, then publications as they come. A gap the node notices
 * later (a new epoch) closes the connection with 3010 so the client resumes from its positions.
 * Used on the connection's loop only.
 */
final class UniConnection implements Transport {

  /** Publication data is kept exactly: numbers as written, however large or precise. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** Where the messages go once connected: an HTTP stream started late, or a WebSocket. */
  interface Output {
    /** Starts the answer (HTTP: writes the head) and returns the transport to write to. */
    Transport start();

    /** Refuses the connection before it started. */
    void refuse(UniRefusal refusal, byte[] errorMessage);
  }

  private final UniWire wire;
  private final SessionLoop loop;
  private final Handshake handshake;
  private final Output output;
  private final Duration keepaliveEvery;
  private final Map<String, Position> positions = new LinkedHashMap<>();
  private final Set<String> asked = new HashSet<>();
  private final Set<String> resuming = new HashSet<>();
  private final Set<String> unrecoverable = new HashSet<>();
  private ClientSession session;
  private Transport out;
  private UniRefusal refusal;
  private Cancellable keepalive = Cancellable.NONE;
  private boolean closed;

  UniConnection(UniWire wire, SessionLoop loop, Handshake handshake, Output output,
      Duration keepaliveEvery) {
    this.wire = wire;
    this.loop = loop;
    this.handshake = handshake;
    this.output = output;
    this.keepaliveEvery = keepaliveEvery;
  }

  void session(ClientSession session) {
    this.session = session;
  }

  ClientSession session() {
    return session;
  }

  /** The channels asked for (refusals of these refuse the connection; others are skipped). */
  void asked(Iterable<String> channels) {
    channels.forEach(asked::add);
  }

  /** The client resumes {@code channel}: say so when it cannot be recovered. */
  void resuming(String channel, boolean knownUnrecoverable) {
    resuming.add(channel);
    if (knownUnrecoverable) {
      unrecoverable.add(channel);
    }
  }

  /** Refuses before connecting (the session then closes, and the refusal is answered). */
  void refuse(UniRefusal why) {
    refusal = why;
    session.disconnect(why.disconnect());
  }

  @Override
  public String name() {
    return wire.transportName;
  }

  @Override
  public SessionLoop loop() {
    return loop;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public long queuedBytes() {
    return out == null ? 0 : out.queuedBytes();
  }

  @Override
  public void whenFlushed(Runnable task) {
    if (out == null) {
      loop.execute(task);
    } else {
      out.whenFlushed(task);
    }
  }

  @Override
  public boolean write(Frame frame) {
    if (closed) {
      return true;
    }
    byte[] bytes = frame.bytes();
    if (bytes.length > 10 && bytes[2] == 'c' && bytes[3] == 'h') { // {"channel": a publication
      if (out == null) {
        return true;
      }
      UniEncoder.Meta meta = frame.wire(UniEncoder.Meta.class, UniConnection::meta);
      advance(meta.channel(), meta.offset(), meta.epoch());
      return emit(null, frame);
    }
    JsonNode message = parse(bytes);
    String type = message.path("type").asText();
    if (out == null) {
      if (type.equals("connected")) {
        return connected((ObjectNode) message);
      }
      if (type.equals("error") && refusal == null) {
        // A refused connect (a token, the connect proxy): answered now, not at connectTimeout.
        refusal = UniRefusal.forError(message.path("code").asInt(), message.path("message").asText());
        UniRefusal why = refusal;
        loop.execute(() -> session.disconnect(why.disconnect()));
      }
      return true;
    }
    switch (type) {
      case "subscribe" -> {
        if (message.has("epoch")) {
          positions.put(message.get("channel").asText(),
              new Position(message.get("offset").asLong(), message.get("epoch").asText()));
        }
      }
      case "unsubscribe" -> {
        String channel = message.get("channel").asText();
        if (message.path("code").asInt() == 2500) {
          // A gap in the stream: the client resumes from its positions on a new connection.
          loop.execute(() -> session.disconnect(Disconnect.INSUFFICIENT_STATE));
          return true;
        }
        positions.remove(channel);
      }
      default -> { }
    }
    return emit(type, frame);
  }

  private boolean connected(ObjectNode message) {
    for (Iterator<Map.Entry<String, JsonNode>> it = message.path("errors").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int code = e.getValue().path("code").asInt();
      if (asked.contains(e.getKey()) && code != 105) {
        String reason = e.getKey() + ": " + e.getValue().path("message").asText();
        loop.execute(() -> refuse(UniRefusal.forError(code, reason)));
        return true;
      }
    }
    out = output.start();
    scheduleKeepalive();
    ObjectNode channels = (ObjectNode) message.get("channels");
    Map<String, JsonNode> recovered = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = channels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode sub = (ObjectNode) e.getValue();
      JsonNode publications = sub.remove("publications");
      JsonNode wasRecovered = sub.remove("recovered");
      if (!sub.has("epoch")) {
        continue;
      }
      long top = sub.get("offset").asLong();
      String epoch = sub.get("epoch").asText();
      if (wasRecovered != null && wasRecovered.asBoolean() && publications != null
          && publications.size() > 0) {
        long first = publications.get(0).get("offset").asLong();
        positions.put(e.getKey(), new Position(first - 1, epoch));
        recovered.put(e.getKey(), publications);
      } else {
        positions.put(e.getKey(), new Position(top, epoch));
        boolean lost = wasRecovered != null ? !wasRecovered.asBoolean()
            : unrecoverable.contains(e.getKey());
        if (resuming.contains(e.getKey()) && lost) {
          recovered.put(e.getKey(), null);
        }
      }
    }
    message.remove("errors");
    boolean ok = emit("connected", Frame.wrap(bytes(message)));
    for (Map.Entry<String, JsonNode> e : recovered.entrySet()) {
      String channel = e.getKey();
      Position now = positions.get(channel);
      if (e.getValue() == null) {
        ok &= emit("recovery", Frame.wrap(bytes(JSON.createObjectNode().put("type", "recovery")
            .put("channel", channel).put("recovered", false)
            .put("offset", now.offset()).put("epoch", now.epoch()))));
        continue;
      }
      for (JsonNode p : e.getValue()) {
        ObjectNode publication = JSON.createObjectNode().put("channel", channel);
        publication.setAll((ObjectNode) p);
        advance(channel, p.get("offset").asLong(), now.epoch());
        ok &= emit(null, Frame.wrap(bytes(publication)));
      }
    }
    return ok;
  }

  private void advance(String channel, long offset, String epoch) {
    if (offset <= 0) {
      return;
    }
    Position known = positions.get(channel);
    String e = epoch != null ? epoch : known == null ? null : known.epoch();
    if (e != null) {
      positions.put(channel, new Position(offset, e));
    }
  }

  private boolean emit(String type, Frame frame) {
    if (wire == UniWire.WEBSOCKET) {
      return out.write(frame);
    }
    String id = wire == UniWire.SSE ? Positions.format(positions) : "";
    return out.write(Frame.wrap(wire.message(type, frame.bytes(), id)));
  }

  private void scheduleKeepalive() {
    keepalive = loop.schedule(() -> {
      if (!closed) {
        out.write(Frame.wrap(wire.keepalive()));
        scheduleKeepalive();
      }
    }, keepaliveEvery);
  }

  @Override
  public void close(Disconnect disconnect) {
    if (closed) {
      return;
    }
    closed = true;
    keepalive.cancel();
    if (out == null) {
      UniRefusal why = refusal != null ? refusal : UniRefusal.forDisconnect(disconnect);
      output.refuse(why, bytes(JSON.createObjectNode().put("type", "error")
          .put("code", why.closeCode()).put("message", why.reason())));
      return;
    }
    if (wire == UniWire.SSE && !disconnect.reconnect()) {
      // An EventSource reconnects whenever a stream ends: a day between tries instead.
      out.write(Frame.wrap("retry: 86400000\n\n".getBytes(StandardCharsets.US_ASCII)));
    }
    out.close(disconnect);
  }

  /** The connection is gone underneath (peer closed, network error). */
  void transportGone() {
    if (!closed) {
      closed = true;
      keepalive.cancel();
      session.transportClosed();
    }
  }

  private static UniEncoder.Meta meta(byte[] bytes) {
    JsonNode p = parse(bytes);
    return new UniEncoder.Meta(p.path("channel").asText(), p.path("offset").asLong(), null);
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("uni encoder wrote malformed JSON", e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
