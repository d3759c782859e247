package io.herald.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON of events: one event is {@code {"id", "type", "time", "channel"?, "user"?,
 * "client"?, "info"?, "data"?}} (absent fields left out, {@code info} and {@code data} as the raw
 * JSON they were), a batch is {@code {"events": [...]}}. Stateless and thread-safe.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private EventJson() {}

  /** One event as JSON bytes. */
  public static byte[] event(WebhookEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, e);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return out.toByteArray();
  }

  /** {@code {"events": [...]}}. */
  public static byte[] batch(List<WebhookEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 160 * events.size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("events");
      for (WebhookEvent e : events) {
        write(g, e);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return out.toByteArray();
  }

  /**
   * Reads what {@link #event} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not such an event
   */
  public static WebhookEvent parse(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonNode n = MAPPER.readTree(p);
      if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("type").isTextual()) {
        throw new IllegalArgumentException("not an event");
      }
      return new WebhookEvent(n.get("id").textValue(), n.get("type").textValue(),
          n.path("time").asLong(), text(n, "channel"), text(n, "user"), text(n, "client"),
          raw(n, "info"), raw(n, "data"));
    } catch (IOException x) {
      throw new IllegalArgumentException("not an event: " + x.getMessage(), x);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static byte[] raw(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isMissingNode() ? null : v.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator g, WebhookEvent e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("type", e.type());
    g.writeNumberField("time", e.time());
    if (e.channel() != null) {
      g.writeStringField("channel", e.channel());
    }
    if (e.user() != null) {
      g.writeStringField("user", e.user());
    }
    if (e.client() != null) {
      g.writeStringField("client", e.client());
    }
    if (e.info() != null) {
      g.writeFieldName("info");
      g.writeRawValue(new String(e.info(), StandardCharsets.UTF_8));
    }
    if (e.data() != null) {
      g.writeFieldName("data");
      g.writeRawValue(new String(e.data(), StandardCharsets.UTF_8));
    }
    g.writeEndObject();
  }
}
