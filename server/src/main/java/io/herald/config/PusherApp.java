package io.herald.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Pusher app: its credentials and options. Apps are isolated from each other: an app's
 * channels live in Herald namespace {@code pusher.<id>} (docs/pusher.md), so nothing of one app
 * ever reaches another.
 *
 * @param id the app id of the HTTP API's paths ({@code /apps/<id>/events}); 1-32 letters, digits,
 *     {@code _} or {@code -}; required, unique
 * @param key the public key clients connect with ({@code /app/<key>}) and the HTTP API signs
 *     with ({@code auth_key}); 1-128 letters, digits, {@code _ - .}; required, unique
 * @param secret signs channel authorizations, user sign-ins and API requests; at least 16
 *     characters; required; a secret, never shown in messages or logs
 * @param enabled false refuses the app's connections with 4003 and its API requests with 403;
 *     default true
 * @param clientEvents whether clients may send {@code client-*} events on private and presence
 *     channels; default false (Pusher's default): such events get error 4301
 * @param webhookUrl where the app's Pusher webhooks are posted (read at start); default null:
 *     none
 * @param maxEventDataSize largest {@code data} of one event, in bytes (API triggers and client
 *     events); default 10240 (Pusher's 10 KB)
 * @param maxChannelsPerTrigger most channels one API trigger may name; default 100
 * @param clientEventRate client events one connection may send per second; past it the event
 *     is refused with error 4301; default 10
 * @param activityTimeout the {@code activity_timeout} told to clients: after this long without a
 *     message the client pings; the server closes a connection silent for this long plus 30
 *     seconds with 4201; default 120s
 * @param maxConnections most connections of this app on one node, past which new ones are
 *     refused with 4004 (over quota); default 0: unlimited
 */
public record PusherApp(
    String id,
    String key,
    String secret,
    boolean enabled,
    boolean clientEvents,
    String webhookUrl,
    int maxEventDataSize,
    int maxChannelsPerTrigger,
    int clientEventRate,
    Duration activityTimeout,
    int maxConnections) {

  /** Default {@link #maxEventDataSize()}: Pusher's 10 KB. */
  public static final int DEFAULT_MAX_EVENT_DATA_SIZE = 10_240;

  /** Default {@link #maxChannelsPerTrigger()}. */
  public static final int DEFAULT_MAX_CHANNELS_PER_TRIGGER = 100;

  /** Default {@link #clientEventRate()}: Pusher's 10 per second. */
  public static final int DEFAULT_CLIENT_EVENT_RATE = 10;

  /** Default {@link #activityTimeout()}: Pusher's 120 seconds. */
  public static final Duration DEFAULT_ACTIVITY_TIMEOUT = Duration.ofSeconds(120);

  /** An app with {@code id}, {@code key} and {@code secret} and every option at its default. */
  public static PusherApp of(String id, String key, String secret) {
    return new PusherApp(id, key, secret, true, false, null, DEFAULT_MAX_EVENT_DATA_SIZE,
        DEFAULT_MAX_CHANNELS_PER_TRIGGER, DEFAULT_CLIENT_EVENT_RATE, DEFAULT_ACTIVITY_TIMEOUT, 0);
  }

  /** What a list item starts from before its keys are read: no credentials, every default. */
  static PusherApp defaults() {
    return of(null, null, null);
  }

  /**
   * A copy with one option changed, e.g. {@code app.with("clientEvents", true)}.
   *
   * @throws IllegalArgumentException when {@code option} is not a component of this record
   */
  public PusherApp with(String option, Object value) {
    if (!Records.names(PusherApp.class).contains(option)) {
      throw new IllegalArgumentException("no Pusher app option " + option);
    }
    return Records.with(this, new String[] {option}, 0, value);
  }

  /**
   * The apps of {@code HERALD_PUSHER_APPS}: comma-separated {@code id:key:secret} triples, every
   * option at its default.
   *
   * @throws IllegalArgumentException naming the item (never the secret) when one is malformed
   */
  static List<PusherApp> parseList(String text) {
    List<PusherApp> out = new ArrayList<>();
    List<String> items = Scalars.splitList(text);
    for (int i = 0; i < items.size(); i++) {
      String[] parts = items.get(i).split(":", -1);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
        throw new IllegalArgumentException("item " + (i + 1)
            + " is not id:key:secret; use e.g. 1001:app-key:app-secret,1002:key2:secret2");
      }
      out.add(of(parts[0].strip(), parts[1].strip(), parts[2].strip()));
    }
    return List.copyOf(out);
  }

  /** Without the secret. */
  @Override
  public String toString() {
    return "PusherApp[id=" + id + ", key=" + key + ", secret=***, enabled=" + enabled
        + ", clientEvents=" + clientEvents + ", webhookUrl=" + webhookUrl + "]";
  }
}
