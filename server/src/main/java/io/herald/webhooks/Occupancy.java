package io.herald.webhooks;

/**
 * Turns this node's local transitions into cluster-wide events: a channel's first subscriber on
 * this node becomes {@code channel.occupied} only when no other node has one, its last becomes
 * {@code channel.vacated} only when every node has none; a user's first connection on this node
 * becomes {@code user.online} only when the user had none anywhere (and no {@code user.offline}
 * is pending within the grace delay), its last becomes {@code user.offline} once the user had
 * none anywhere for the grace delay. Each transition is emitted by one node, once. Calls for one
 * channel (one user) come in the order they happened on this node; none blocks, so event loops
 * may call them. Anonymous users ({@code ""}) have no user events.
 */
public interface Occupancy extends AutoCloseable {

  /** The first subscriber of {@code channel} on this node. */
  void channelOccupied(String channel);

  /** The last subscriber of {@code channel} on this node is gone. */
  void channelVacated(String channel);

  /** The first connection of {@code user} on this node. */
  void userConnected(String user);

  /** The last connection of {@code user} on this node is gone. */
  void userDisconnected(String user);

  /** Stops timers; the Redis occupancy also hands this node's channels and users back. */
  @Override
  void close();
}
