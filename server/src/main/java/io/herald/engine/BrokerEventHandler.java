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
   * Publications of {@code channel} may have been lost on the way to this node: the broker's
   * connection was interrupted (and has been restored) while the node was subscribed. The node
   * makes the channel's subscribers that track stream positions recover from history
   * (unsubscribe 2500), instead of waiting for the next publication to show the gap, which may
   * never come. Channels without history are at-most-once; nothing is done for them. Called on
   * the broker's threads, possibly while publications of the channel are being handed over.
   * The default does nothing (a broker that never loses publications never calls it).
   */
  default void onPublicationsMissed(String channel) {}
}
