package io.herald.protocol.uni;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.ProtocolEncoder;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Unsubscribe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The uni endpoints' messages, one JSON object each, on one line. A publication is {@code
 * {"channel", "offset", "data"}} (plus {@code "event"} when it has a name; no offset where the
 * channel keeps no history), encoded once per publication and shared; its channel, offset and
 * epoch ride along as the frame's {@link Meta} so each connection can move its positions without
 * parsing. Everything else has a {@code "type"}: {@code connected} (the connect answer, which
 * {@link UniConnection} unpacks), {@code error}, {@code subscribe}, {@code unsubscribe}, {@code
 * disconnect}. Stateless and thread-safe.
 */
final class UniEncoder implements ProtocolEncoder {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** What a connection needs of a publication frame: where it moves the channel's position. */
  record Meta(String channel, long offset, String epoch) {}

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] json(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code data} as one line: JSON has no raw line breaks inside strings, so those in it are
   * whitespace between tokens (a publisher's pretty-printing) and become spaces.
   */
  static SerializedString oneLine(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      text = text.replace('\r', ' ').replace('\n', ' ');
    }
    return new SerializedString(text);
  }

  static void publicationFields(JsonGenerator g, String channel, Publication p)
      throws IOException {
    g.writeStringField("channel", channel);
    if (p.offset() > 0) {
      g.writeNumberField("offset", p.offset());
    }
    if (p.event() != null) {
      g.writeStringField("event", p.event());
    }
    g.writeFieldName("data");
    g.writeRawValue(oneLine(p.data()));
  }

  @Override
  public Frame publication(String channel, Publication publication) {
    Frame frame = Frame.shared(json(g -> publicationFields(g, channel, publication)));
    Meta meta = new Meta(channel, publication.offset(), publication.epoch());
    frame.wire(Meta.class, b -> meta);
    return frame;
  }

  /** A publication recovered for one connection (not shared). */
  static byte[] recovered(String channel, Publication publication) {
    return json(g -> publicationFields(g, channel, publication));
  }

  @Override
  public byte[] response(RequestId id, Result result) {
    if (!(result instanceof Result.Connect c)) {
      return json(g -> g.writeStringField("type", "ok"));
    }
    return json(g -> {
      g.writeStringField("type", "connected");
      g.writeStringField("client", c.client());
      g.writeStringField("user", c.user());
      g.writeObjectFieldStart("channels");
      for (Map.Entry<String, Result.Subscribe> e : c.subs().entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        subscribeFields(g, e.getValue());
        if (e.getValue().wasRecovering()) {
          g.writeBooleanField("recovered", e.getValue().recovered());
          g.writeArrayFieldStart("publications");
          for (Publication p : e.getValue().publications()) {
            g.writeStartObject();
            g.writeNumberField("offset", p.offset());
            if (p.event() != null) {
              g.writeStringField("event", p.event());
            }
            g.writeFieldName("data");
            g.writeRawValue(oneLine(p.data()));
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("errors");
      for (Map.Entry<String, Result.SubscribeError> e : c.subErrors().entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        g.writeNumberField("code", e.getValue().code());
        g.writeStringField("message", e.getValue().message());
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  static void subscribeFields(JsonGenerator g, Result.Subscribe s) throws IOException {
    g.writeBooleanField("recoverable", s.recoverable());
    StreamPosition position = s.position();
    if (!position.isNone()) {
      g.writeNumberField("offset", position.offset());
      g.writeStringField("epoch", position.epoch());
    }
  }

  @Override
  public byte[] error(RequestId id, RpcError error) {
    return json(g -> {
      g.writeStringField("type", "error");
      g.writeNumberField("code", error.code());
      g.writeStringField("message", error.message());
    });
  }

  @Override
  public Frame frame(List<byte[]> responses, boolean batch) {
    return Frame.wrap(responses.get(0));
  }

  @Override
  public Frame join(String channel, ClientInfo info) {
    return null;
  }

  @Override
  public Frame leave(String channel, ClientInfo info) {
    return null;
  }

  @Override
  public Frame ping() {
    return null;
  }

  @Override
  public Frame disconnect(Disconnect d) {
    return Frame.wrap(json(g -> {
      g.writeStringField("type", "disconnect");
      g.writeNumberField("code", d.code());
      g.writeStringField("reason", d.reason());
      g.writeBooleanField("reconnect", d.reconnect());
    }));
  }

  @Override
  public Frame subscribed(String channel, Result.Subscribe result) {
    return Frame.wrap(json(g -> {
      g.writeStringField("type", "subscribe");
      g.writeStringField("channel", channel);
      subscribeFields(g, result);
    }));
  }

  @Override
  public Frame unsubscribed(String channel, Unsubscribe unsubscribe) {
    return Frame.wrap(json(g -> {
      g.writeStringField("type", "unsubscribe");
      g.writeStringField("channel", channel);
      g.writeNumberField("code", unsubscribe.code());
      g.writeStringField("reason", unsubscribe.reason());
    }));
  }

  @Override
  public Frame stream(RequestId id, long seq, byte[] data) {
    return null;
  }
}
