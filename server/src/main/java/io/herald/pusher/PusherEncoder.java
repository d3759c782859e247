package io.herald.pusher;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;

/**
 * Encodes a publication of an app's Herald channel into the Pusher event every subscriber of the
 * channel receives: once per publication and node, the bytes shared by every Pusher connection
 * subscribed to it. Stateless, thread-safe.
 */
public final class PusherEncoder {

  /** The event name of a publication published without one (Herald's API, ingestion). */
  public static final String DEFAULT_EVENT = "herald:publication";

  private PusherEncoder() {}

  /**
   * The Pusher event of {@code publication} on Herald channel {@code channel} ({@code
   * pusher.<id>[.cache]:name}): its event name (or {@value #DEFAULT_EVENT}), the channel's Pusher
   * name, the data as Pusher's data string, and {@code user_id} for a client event on a presence
   * channel.
   */
  public static byte[] publication(String channel, Publication publication) {
    String name = PusherChannel.pusherName(channel);
    String event = publication.event() == null ? DEFAULT_EVENT : publication.event();
    ClientInfo from = publication.info();
    String userId = from != null && !from.user().isEmpty() && event.startsWith("client-")
        && name.startsWith("presence-") ? from.user() : null;
    return PusherFrames.event(name, event, publication.data(), userId);
  }

  /**
   * Whether the connection with socket id {@code socketId} receives {@code publication}: not
   * when it sent it (a client event) or when an API trigger named it in {@code socket_id}.
   */
  public static boolean delivers(Publication publication, String socketId) {
    ClientInfo from = publication.info();
    return from == null || !from.client().equals(socketId);
  }
}
