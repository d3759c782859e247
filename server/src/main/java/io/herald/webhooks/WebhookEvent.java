package io.herald.webhooks;

import java.util.UUID;

/**
 * One event for the backend. Immutable. The JSON form ({@link EventJson}) is what receivers get
 * and what the Redis outbox stores.
 *
 * @param id unique id (a random UUID); a receiver drops an id it has seen, since delivery is at
 *     least once
 * @param type one of {@link #TYPES}
 * @param time when it happened, milliseconds since the epoch
 * @param channel the channel, or null for user events
 * @param user the user id ({@code ""} for anonymous), or null for channel events
 * @param client the client (connection) id, or null
 * @param info raw JSON of the client's connection info, or null
 * @param data raw JSON of the published data ({@code client.publish} only), or null
 */
public record WebhookEvent(
    String id,
    String type,
    long time,
    String channel,
    String user,
    String client,
    byte[] info,
    byte[] data) {

  /** {@code channel.occupied}: the first subscriber of the channel on any node. */
  public static final String CHANNEL_OCCUPIED = "channel.occupied";

  /** {@code channel.vacated}: the last subscriber of the channel gone from every node. */
  public static final String CHANNEL_VACATED = "channel.vacated";

  /** {@code user.online}: the user's first connection on any node. */
  public static final String USER_ONLINE = "user.online";

  /** {@code user.offline}: no connection of the user on any node for the grace delay. */
  public static final String USER_OFFLINE = "user.offline";

  /** {@code presence.join}: a client subscribed to a channel whose namespace keeps presence. */
  public static final String PRESENCE_JOIN = "presence.join";

  /** {@code presence.leave}: a client left a channel whose namespace keeps presence. */
  public static final String PRESENCE_LEAVE = "presence.leave";

  /** {@code client.publish}: a client published to a channel. */
  public static final String CLIENT_PUBLISH = "client.publish";

  /** A channel event with a fresh id. */
  public static WebhookEvent channel(String type, long time, String channel) {
    return new WebhookEvent(newId(), type, time, channel, null, null, null, null);
  }

  /** A user event with a fresh id. */
  public static WebhookEvent user(String type, long time, String user) {
    return new WebhookEvent(newId(), type, time, null, user, null, null, null);
  }

  /** A fresh event id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /**
   * What orders this event: events with the same key reach a receiver in the order they were
   * added; {@code c:<channel>} when there is a channel, else {@code u:<user>}.
   */
  public String key() {
    return channel != null ? "c:" + channel : "u:" + user;
  }

  /** The namespace of {@link #channel} ({@code ""} for the default one), or null for none. */
  public String namespace() {
    if (channel == null) {
      return null;
    }
    int colon = channel.indexOf(':');
    return colon < 0 ? "" : channel.substring(0, colon);
  }
}
