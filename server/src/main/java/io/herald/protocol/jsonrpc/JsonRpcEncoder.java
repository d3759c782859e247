package io.herald.protocol.jsonrpc;



import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.ProtocolEncoder;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Unsubscribe;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON-RPC 2.0 frames with Jackson's streaming generator. Payloads ({@code data}, token
 * {@code info}, request ids) are raw JSON copied verbatim, never re-parsed. Thread-safe; its only
 * state is an output buffer per thread.
 */
public final class JsonRpcEncoder implements ProtocolEncoder {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Frame PING = Frame.shared(
      "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * One output buffer per thread, emptied after every frame: encoding a frame allocates its
   * result, not a buffer to write it into and the buffer's list of blocks first. It keeps its
   * last block (at most Jackson's 128 KiB) between frames.
   */
  private static final ThreadLocal<ByteArrayBuilder> OUT =
      ThreadLocal.withInitial(() -> new ByteArrayBuilder(256));

  private static byte[] write(Body body) {
    ByteArrayBuilder out = OUT.get();
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.reset();
    }
  }

  private static byte[] notification(String method, Body params) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("jsonrpc", "2.0");
      g.writeStringField("method", method);
      g.writeFieldName("params");
      g.writeStartObject();
      params.write(g);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  @Override
  public byte[] response(RequestId id, Result result) {
    if (result instanceof Result.Connect connect) {
      byte[] direct = ConnectReplyBytes.encode(id, connect);
      if (direct != null) {
        return direct;
      }
    }
    return jacksonResponse(id, result);
  }

  /** {@link #response}'s bytes written with Jackson: every answer the direct paths leave. */
  static byte[] jacksonResponse(RequestId id, Result result) {
    return answer(id, "result", g -> ResultWriter.write(g, result));
  }

  @Override
  public byte[] error(RequestId id, RpcError error) {
    return answer(id, "error", g -> {
      g.writeNumberField("code", error.code());
      g.writeStringField("message", error.message());
    });
  }

  /** {@code {"jsonrpc":"2.0","<field>":{<body>},"id":<id>}}. */
  private static byte[] answer(RequestId id, String field, Body body) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("jsonrpc", "2.0");
      g.writeObjectFieldStart(field);
      body.write(g);
      g.writeEndObject();
      g.writeFieldName("id");
      g.writeRawValue(id.json());
      g.writeEndObject();
    });
  }

  @Override
  public Frame frame(List<byte[]> responses, boolean batch) {
    if (!batch && responses.size() == 1) {
      return Frame.wrap(responses.get(0));
    }
    int size = 2 + responses.size();
    for (byte[] r : responses) {
      size += r.length;
    }
    byte[] out = new byte[size - 1];
    out[0] = '[';
    int at = 1;
    for (int i = 0; i < responses.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] r = responses.get(i);
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    out[at] = ']';
    return Frame.wrap(out);
  }

  @Override
  public Frame publication(String channel, Publication publication) {
    if (publication.info() == null) {
      byte[] direct = PublicationBytes.encode(
          channel, publication.offset(), publication.event(), publication.data());
      if (direct != null) {
        return Frame.shared(direct);
      }
    }
    return Frame.shared(jacksonPublication(channel, publication));
  }

  /** {@link #publication}'s bytes written with Jackson: every publication the direct path leaves. */
  static byte[] jacksonPublication(String channel, Publication publication) {
    return notification("publication", g -> {
      g.writeStringField("channel", channel);
      if (publication.offset() > 0) {
        g.writeNumberField("offset", publication.offset());
      }
      if (publication.event() != null) {
        g.writeStringField("event", publication.event());
      }
      g.writeFieldName("data");
      g.writeRawValue(RawJson.of(publication.data()));
      if (publication.info() != null) {
        g.writeFieldName("info");
        writeClientInfo(g, publication.info());
      }
    });
  }

  @Override
  public Frame join(String channel, ClientInfo info) {
    return Frame.shared(joinLeave("join", channel, info));
  }

  @Override
  public Frame leave(String channel, ClientInfo info) {
    return Frame.shared(joinLeave("leave", channel, info));
  }

  private static byte[] joinLeave(String method, String channel, ClientInfo info) {
    return notification(method, g -> {
      g.writeStringField("channel", channel);
      g.writeFieldName("info");
      writeClientInfo(g, info);
    });
  }

  @Override
  public Frame ping() {
    return PING;
  }

  @Override
  public Frame disconnect(Disconnect disconnect) {
    return Frame.wrap(notification("disconnect", g -> {
      g.writeNumberField("code", disconnect.code());
      g.writeStringField("reason", disconnect.reason());
      g.writeBooleanField("reconnect", disconnect.reconnect());
    }));
  }

  @Override
  public Frame subscribed(String channel, Result.Subscribe result) {
    return Frame.wrap(notification("subscribe", g -> {
      g.writeStringField("channel", channel);
      ResultWriter.write(g, result);
    }));
  }

  @Override
  public Frame unsubscribed(String channel, Unsubscribe unsubscribe) {
    return Frame.wrap(notification("unsubscribe", g -> {
      g.writeStringField("channel", channel);
      g.writeNumberField("code", unsubscribe.code());
      g.writeStringField("reason", unsubscribe.reason());
    }));
  }

  @Override
  public Frame stream(RequestId id, long seq, byte[] data) {
    return Frame.wrap(notification("stream", g -> {
      g.writeFieldName("id");
      g.writeRawValue(id.json());
      g.writeNumberField("seq", seq);
      g.writeFieldName("data");
      g.writeRawValue(RawJson.of(data));
    }));
  }

  static void writeClientInfo(JsonGenerator g, ClientInfo info) throws IOException {
    g.writeStartObject();
    g.writeStringField("client", info.client());
    g.writeStringField("user", info.user());
    if (info.connInfo() != null) {
      g.writeFieldName("info");
      g.writeRawValue(RawJson.of(info.connInfo()));
    }
    if (info.chanInfo() != null) {
      g.writeFieldName("chanInfo");
      g.writeRawValue(RawJson.of(info.chanInfo()));
    }
    g.writeEndObject();
  }

  /** {@code "offset": n, "epoch": "e"}, unless the channel keeps no history. */
  static void position(JsonGenerator g, StreamPosition position) throws IOException {
    if (!position.isNone()) {
      g.writeNumberField("offset", position.offset());
      g.writeStringField("epoch", position.epoch());
    }
  }

  /** {@code "publications": [{offset, event?, data, info?}, ...]}. */
  static void publications(JsonGenerator g, List<Publication> publications) throws IOException {
    g.writeArrayFieldStart("publications");
    for (Publication p : publications) {
      g.writeStartObject();
      if (p.offset() > 0) {
        g.writeNumberField("offset", p.offset());
      }
      if (p.event() != null) {
        g.writeStringField("event", p.event());
      }
      g.writeFieldName("data");
      g.writeRawValue(RawJson.of(p.data()));
      if (p.info() != null) {
        g.writeFieldName("info");
        writeClientInfo(g, p.info());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Writes the fields of each result type. */
  private static final class ResultWriter {
    static void write(JsonGenerator g, Result result) throws IOException {
      switch (result) {
        case Result.Empty e -> {}
        case Result.Connect c -> {
          g.writeStringField("client", c.client());
          g.writeStringField("user", c.user());
          if (c.expires()) {
            g.writeBooleanField("expires", true);
            g.writeNumberField("ttl", c.ttl());
          }
          g.writeNumberField("ping", c.ping());
          g.writeBooleanField("pong", c.pong());
          if (c.batch() != null) {
            g.writeBooleanField("batch", c.batch());
          }
          if (!c.subs().isEmpty() || !c.subErrors().isEmpty()) {
            g.writeObjectFieldStart("subs");
            for (Map.Entry<String, Result.Subscribe> e : c.subs().entrySet()) {
              g.writeObjectFieldStart(e.getKey());
              write(g, e.getValue());
              g.writeEndObject();
            }
            for (Map.Entry<String, Result.SubscribeError> e : c.subErrors().entrySet()) {
              g.writeObjectFieldStart(e.getKey());
              g.writeObjectFieldStart("error");
              g.writeNumberField("code", e.getValue().code());
              g.writeStringField("message", e.getValue().message());
              g.writeEndObject();
              g.writeEndObject();
            }
            g.writeEndObject();
          }
        }
        case Result.Subscribe s -> {
          g.writeBooleanField("recoverable", s.recoverable());
          position(g, s.position());
          if (s.wasRecovering()) {
            g.writeBooleanField("wasRecovering", true);
            g.writeBooleanField("recovered", s.recovered());
            publications(g, s.publications());
          }
        }
        case Result.Publish p -> position(g, p.position());
        case Result.History h -> {
          publications(g, h.publications());
          position(g, h.position());
        }
        case Result.Presence p -> {
          g.writeObjectFieldStart("clients");
          for (Map.Entry<String, ClientInfo> e : p.clients().entrySet()) {
            g.writeFieldName(e.getKey());
            writeClientInfo(g, e.getValue());
          }
          g.writeEndObject();
        }
        case Result.PresenceStats p -> {
          g.writeNumberField("numClients", p.numClients());
          g.writeNumberField("numUsers", p.numUsers());
        }
        case Result.Refresh r -> {
          g.writeBooleanField("expires", r.expires());
          if (r.expires()) {
            g.writeNumberField("ttl", r.ttl());
          }
        }
        case Result.RpcData r -> {
          if (r.data() != null) {
            g.writeFieldName("data");
            g.writeRawValue(RawJson.of(r.data()));
          }
        }
        case Result.RpcStreamEnd r -> g.writeNumberField("chunks", r.chunks());
      }
    }
  }
}
