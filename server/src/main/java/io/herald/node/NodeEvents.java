package io.herald.node;

import io.herald.engine.ClientInfo;

/**
 * What happens on this node that outside parties (webhooks, a protocol adapter's presence
 * bookkeeping) may want to know, registered with {@link Node#listen}. Every method has a no-op
 * default, so a listener implements only what it needs.
 *
 * <p>Threading: called on the thread where the change happened (a session's event loop, or the
 * broker's thread for cluster-wide joins and leaves), right after it; must return quickly and
 * never block (hand work to an executor). An exception thrown is logged and ignored. Ordering
 * holds per channel for the channel events and per user for the user events; nothing is ordered
 * across channels or users.
 */
public interface NodeEvents {

  /** No-op listener. */
  NodeEvents NONE = new NodeEvents() {};

  /** {@code channel} got its first subscriber on this node (the node now receives it). */
  default void channelOccupied(String channel) {}

  /** The last subscriber of {@code channel} on this node left. */
  default void channelVacated(String channel) {}

  /** {@code user} ({@code ""} for anonymous) opened their first connected session on this node. */
  default void userOnline(String user) {}

  /** The last connected session of {@code user} on this node closed. */
  default void userOffline(String user) {}

  /**
   * A client of this node joined {@code channel}, a channel with presence ({@code info} names
   * the user and the connection).
   */
  default void presenceJoined(String channel, ClientInfo info) {}

  /** A client of this node left {@code channel}, a channel with presence. */
  default void presenceLeft(String channel, ClientInfo info) {}

  /**
   * A client of this node published {@code data} (raw JSON) to {@code channel}, and the
   * publication was accepted; publications of the server API are not reported.
   */
  default void clientPublished(String channel, ClientInfo info, byte[] data) {}
}
