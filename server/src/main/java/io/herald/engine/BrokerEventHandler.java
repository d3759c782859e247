package io.herald.engine;

/**
 * The narrow callback a {@link Broker} uses to hand what it receives to the node. Registered once
 * with {@link Broker#start}. Implementations are fast and non-blocking; they may be called from any
 * thread, but for one channel never concurrently.
 */
public interface BrokerEventHandler {

  /** A publication arrived for {@code channel}, in the channel's publish (offset) order. */
  void onPublication(String channel, Publication publication);

  /** {@code info} subscribed to {@code channel} somewhere in the cluster. */
  void onJoin(String channel, ClientInfo info);

  /** {@code info} unsubscribed from {@code channel} somewhere in the cluster. */
  void onLeave(String channel, ClientInfo info);

  /**
   * A control message from some node of the cluster, this one included. Not ordered with
   * publications; called on the broker's threads.
   */
  void onControl(ControlMessage message);

  /**
   * The broker may have missed publications of {@code channel}: its connection was lost and it
   * is subscribed again. {@code position} is the channel's stream position read after the
   * subscription was confirmed, {@link StreamPosition#NONE} when the channel has no stream (or
   * the position could not be read). The node makes its subscribers of {@code channel} that are
   * behind {@code position} or on another epoch recover (unsubscribe 2500), so a gap is never
   * silent. May be called concurrently with {@link #onPublication}. Brokers that cannot miss
   * publications (memory) never call it.
   */
  default void onPositionCheck(String channel, StreamPosition position) {}
}
