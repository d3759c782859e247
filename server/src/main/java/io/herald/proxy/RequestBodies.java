package io.herald.proxy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.herald.node.proxy.Caller;
import io.herald.node.proxy.ConnectRequest;
import io.herald.node.proxy.PublishRequest;
import io.herald.node.proxy.RpcRequest;
import io.herald.node.proxy.SubscribeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON bodies Herald POSTs to the backend (docs/proxy.md). Raw JSON from clients ({@code
 * data}, {@code info}) is copied verbatim: the decoder produced it, so it is well-formed.
 * Stateless and thread-safe.
 */
final class RequestBodies {

  private static final JsonFactory FACTORY = new JsonFactory();

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private RequestBodies() {}

  /** {@code {client, transport, token?, name?, version?, data?, headers}}. */
  static byte[] connect(ConnectRequest r, Map<String, String> headers) {
    return object(r.caller(), false, g -> {
      optional(g, "token", r.token());
      optional(g, "name", r.name());
      optional(g, "version", r.version());
      raw(g, "data", r.data());
      g.writeObjectFieldStart("headers");
      for (Map.Entry<String, String> h : headers.entrySet()) {
        g.writeStringField(h.getKey(), h.getValue());
      }
      g.writeEndObject();
    });
  }

  /** {@code {client, transport, user, method, data?, info?}}. */
  static byte[] rpc(RpcRequest r) {
    return object(r.caller(), true, g -> {
      g.writeStringField("method", r.method());
      raw(g, "data", r.data());
      raw(g, "info", r.info());
    });
  }

  /** {@code {client, transport, user, channel, data}}. */
  static byte[] publish(PublishRequest r) {
    return object(r.caller(), true, g -> {
      g.writeStringField("channel", r.channel());
      raw(g, "data", r.data());
    });
  }

  /** {@code {client, transport, user, channel}}. */
  static byte[] subscribe(SubscribeRequest r) {
    return object(r.caller(), true, g -> g.writeStringField("channel", r.channel()));
  }

  private static byte[] object(Caller caller, boolean withUser, Fields fields) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256);
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("client", caller.client());
      g.writeStringField("transport", caller.transport());
      if (withUser) {
        g.writeStringField("user", caller.user());
      }
      fields.write(g);
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void raw(JsonGenerator g, String name, byte[] json) throws IOException {
    if (json != null) {
      g.writeFieldName(name);
      g.writeRawValue(new String(json, StandardCharsets.UTF_8));
    }
  }
}
