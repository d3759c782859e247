package io.herald.pusher;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The messages Herald sends to Pusher clients, byte for byte as pusher-js parses them: {@code
 * {"event": ..., "channel"?: ..., "data": ...}} where {@code data} is a JSON-encoded string in
 * every server event except {@code pusher:error} (an object, as Pusher sends it). Stateless,
 * thread-safe.
 */
public final class PusherFrames {

  private static final JsonFactory JSON = new JsonFactory();

  private PusherFrames() {}

  /** Written into a generator. */
  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String text(Body body) {
    return new String(json(body), StandardCharsets.UTF_8);
  }

  private static byte[] event(String event, String channel, String dataJson) {
    return json(g -> {
      g.writeStartObject();
      g.writeStringField("event", event);
      if (channel != null) {
        g.writeStringField("channel", channel);
      }
      if (dataJson != null) {
        g.writeStringField("data", dataJson);
      }
      g.writeEndObject();
    });
  }

  /** {@code pusher:connection_established} with the socket id and activity timeout (seconds). */
  public static byte[] connectionEstablished(String socketId, long activityTimeout) {
    return event("pusher:connection_established", null, text(g -> {
      g.writeStartObject();
      g.writeStringField("socket_id", socketId);
      g.writeNumberField("activity_timeout", activityTimeout);
      g.writeEndObject();
    }));
  }

  /** {@code pusher:error} with {@code code} (null: none) and {@code message}. */
  public static byte[] error(Integer code, String message) {
    return json(g -> {
      g.writeStartObject();
      g.writeStringField("event", "pusher:error");
      g.writeObjectFieldStart("data");
      g.writeFieldName("code");
      if (code == null) {
        g.writeNull();
      } else {
        g.writeNumber(code);
      }
      g.writeStringField("message", message);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /** {@code pusher:ping}. */
  public static byte[] ping() {
    return event("pusher:ping", null, "{}");
  }

  /** {@code pusher:pong}. */
  public static byte[] pong() {
    return event("pusher:pong", null, "{}");
  }

  /** {@code pusher_internal:subscription_succeeded} of a channel without presence. */
  public static byte[] subscribed(String channel) {
    return event("pusher_internal:subscription_succeeded", channel, "{}");
  }

  /**
   * {@code pusher_internal:subscription_succeeded} of a presence channel.
   *
   * @param members user id to raw JSON {@code user_info} (null: none), one entry per user
   */
  public static byte[] subscribed(String channel, Map<String, byte[]> members) {
    return event("pusher_internal:subscription_succeeded", channel, text(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("presence");
      g.writeArrayFieldStart("ids");
      for (String id : members.keySet()) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("hash");
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        g.writeFieldName(m.getKey());
        writeRaw(g, m.getValue());
      }
      g.writeEndObject();
      g.writeNumberField("count", members.size());
      g.writeEndObject();
      g.writeEndObject();
    }));
  }

  /** {@code pusher:subscription_error} for {@code channel}: {@code {type, error, status}}. */
  public static byte[] subscriptionError(String channel, int status, String message) {
    return event("pusher:subscription_error", channel, text(g -> {
      g.writeStartObject();
      g.writeStringField("type", "AuthError");
      g.writeStringField("error", message);
      g.writeNumberField("status", status);
      g.writeEndObject();
    }));
  }

  /** {@code pusher_internal:member_added} with the member's id and raw {@code user_info}. */
  public static byte[] memberAdded(String channel, String userId, byte[] userInfo) {
    return event("pusher_internal:member_added", channel, text(g -> {
      g.writeStartObject();
      g.writeStringField("user_id", userId);
      g.writeFieldName("user_info");
      writeRaw(g, userInfo);
      g.writeEndObject();
    }));
  }

  /** {@code pusher_internal:member_removed}. */
  public static byte[] memberRemoved(String channel, String userId) {
    return event("pusher_internal:member_removed", channel, text(g -> {
      g.writeStartObject();
      g.writeStringField("user_id", userId);
      g.writeEndObject();
    }));
  }

  /** {@code pusher:cache_miss}: a cache channel had no event to deliver on subscribe. */
  public static byte[] cacheMiss(String channel) {
    return event("pusher:cache_miss", channel, null);
  }

  /** {@code pusher:signin_success} with the signed {@code user_data} string. */
  public static byte[] signinSuccess(String userData) {
    return event("pusher:signin_success", null, text(g -> {
      g.writeStartObject();
      g.writeStringField("user_data", userData);
      g.writeEndObject();
    }));
  }

  /**
   * An event on a channel.
   *
   * @param data Herald publication data (raw JSON), sent as Pusher's data string ({@link
   *     EventData#toPusher})
   * @param userId the sending member of a client event on a presence channel, else null
   */
  public static byte[] event(String channel, String event, byte[] data, String userId) {
    byte[] token = EventData.toPusher(data);
    return json(g -> {
      g.writeStartObject();
      g.writeStringField("event", event);
      g.writeStringField("channel", channel);
      g.writeFieldName("data");
      g.writeRawValue(new String(token, StandardCharsets.UTF_8));
      if (userId != null) {
        g.writeStringField("user_id", userId);
      }
      g.writeEndObject();
    });
  }

  private static void writeRaw(JsonGenerator g, byte[] raw) throws IOException {
    if (raw == null) {
      g.writeNull();
    } else {
      g.writeRawValue(new String(raw, StandardCharsets.UTF_8));
    }
  }
}
