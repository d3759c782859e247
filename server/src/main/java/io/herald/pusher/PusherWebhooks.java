package io.herald.pusher;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.herald.config.PusherApp;
import io.herald.config.PusherConfig;
import io.herald.webhooks.WebhookEvent;
import io.herald.webhooks.WebhookFormat;
import io.herald.webhooks.WebhookTarget;
import io.herald.webhooks.Webhooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pusher's webhooks, delivered by Herald's webhook machinery (outbox, once per event for the
 * cluster, ordering per channel, retries): one target per app with a {@code webhookUrl}, posting
 * Pusher's batch {@code {"time_ms": ..., "events": [...]}} with {@code X-Pusher-Key} and {@code
 * X-Pusher-Signature} (hex HMAC-SHA256 of the body with the app secret). Events: {@code
 * channel_occupied}, {@code channel_vacated}, {@code member_added} and {@code member_removed}
 * (presence channels), {@code client_event}, {@code cache_miss}. Thread-safe.
 */
public final class PusherWebhooks {

  /** Herald event type of a Pusher client event ({@code data} holds the Pusher event). */
  static final String CLIENT_EVENT = "pusher.client_event";

  /** Herald event type of a Pusher cache miss ({@code data} holds the Pusher event). */
  static final String CACHE_MISS = "pusher.cache_miss";

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> TYPES = Set.of(WebhookEvent.CHANNEL_OCCUPIED,
      WebhookEvent.CHANNEL_VACATED, WebhookEvent.PRESENCE_JOIN, WebhookEvent.PRESENCE_LEAVE,
      CLIENT_EVENT, CACHE_MISS);

  private final Webhooks webhooks;

  /**
   * @param webhooks the node's webhooks, or null when none is configured (then nothing is sent)
   */
  public PusherWebhooks(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  /** The targets of the apps with a {@code webhookUrl}. */
  public static List<WebhookTarget> targets(PusherConfig config) {
    List<WebhookTarget> out = new ArrayList<>();
    for (PusherApp app : config.apps()) {
      if (app.webhookUrl() == null) {
        continue;
      }
      Set<String> namespaces =
          Set.of(PusherChannel.namespace(app.id()), PusherChannel.cacheNamespace(app.id()));
      out.add(new WebhookTarget("pusher-" + app.id(), URI.create(app.webhookUrl()),
          new Format(app), TYPES, e -> accepts(e, namespaces), Duration.ofSeconds(5), 100,
          Duration.ofMillis(100), Duration.ofHours(1), 100_000));
    }
    return out;
  }

  private static boolean accepts(WebhookEvent e, Set<String> namespaces) {
    if (!TYPES.contains(e.type()) || e.channel() == null || !namespaces.contains(e.namespace())) {
      return false;
    }
    String name = PusherChannel.pusherName(e.channel());
    if (name.startsWith("#")) {
      return false;
    }
    boolean presence = e.type().equals(WebhookEvent.PRESENCE_JOIN)
        || e.type().equals(WebhookEvent.PRESENCE_LEAVE);
    return !presence || name.startsWith("presence-");
  }

  /** A client event sent on Herald channel {@code channel} (its webhook, when the app has one). */
  void clientEvent(String channel, String event, byte[] data, String socketId, String userId) {
    add(CLIENT_EVENT, channel, json(g -> {
      g.writeStringField("name", "client_event");
      g.writeStringField("channel", PusherChannel.pusherName(channel));
      g.writeStringField("event", event);
      g.writeFieldName("data");
      g.writeRawValue(new String(EventData.toPusher(data), StandardCharsets.UTF_8));
      g.writeStringField("socket_id", socketId);
      if (userId != null && !userId.isEmpty()) {
        g.writeStringField("user_id", userId);
      }
    }));
  }

  /** A cache channel had no event to deliver on subscribe. */
  void cacheMiss(String channel) {
    add(CACHE_MISS, channel, json(g -> {
      g.writeStringField("name", "cache_miss");
      g.writeStringField("channel", PusherChannel.pusherName(channel));
    }));
  }

  private void add(String type, String channel, byte[] event) {
    if (webhooks != null) {
      webhooks.add(new WebhookEvent(WebhookEvent.newId(), type, System.currentTimeMillis(),
          channel, null, null, null, event));
    }
  }

  /** Writes the fields of one event object. */
  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Pusher's webhook request for one app. */
  static final class Format implements WebhookFormat {

    private final PusherApp app;

    Format(PusherApp app) {
      this.app = app;
    }

    @Override
    public Request encode(List<WebhookEvent> events, long nowMillis) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 96 * events.size());
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeNumberField("time_ms", nowMillis);
        g.writeArrayFieldStart("events");
        for (WebhookEvent e : events) {
          write(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] body = out.toByteArray();
      return new Request(body, Map.of("Content-Type", "application/json",
          "X-Pusher-Key", app.key(), "X-Pusher-Signature", Signatures.hmac(app.secret(), body)));
    }

    private static void write(JsonGenerator g, WebhookEvent e) throws IOException {
      if (e.data() != null && (e.type().equals(CLIENT_EVENT) || e.type().equals(CACHE_MISS))) {
        g.writeRawValue(new String(e.data(), StandardCharsets.UTF_8));
        return;
      }
      g.writeStartObject();
      g.writeStringField("name", switch (e.type()) {
        case WebhookEvent.CHANNEL_OCCUPIED -> "channel_occupied";
        case WebhookEvent.CHANNEL_VACATED -> "channel_vacated";
        case WebhookEvent.PRESENCE_JOIN -> "member_added";
        default -> "member_removed";
      });
      g.writeStringField("channel", PusherChannel.pusherName(e.channel()));
      if (e.user() != null && (e.type().equals(WebhookEvent.PRESENCE_JOIN)
          || e.type().equals(WebhookEvent.PRESENCE_LEAVE))) {
        g.writeStringField("user_id", e.user());
      }
      g.writeEndObject();
    }
  }
}
