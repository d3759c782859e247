package io.herald.engine;

import java.util.concurrent.CompletionStage;

/**
 * Carries publications, joins, leaves and control messages between the nodes of a cluster, and
 * appends publications to channel history. The memory broker is the embedded default; distributed brokers (Redis,
 * NATS) implement the same contract.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>No method blocks the calling thread (it is often an event loop): work that waits on I/O
 *       completes the returned stage later, on the broker's own threads.
 *   <li>{@link #publish} delivers the publication to {@link BrokerEventHandler#onPublication} of
 *       every node subscribed to the channel, this node included; publications of one channel
 *       from one publisher arrive in the order they were published.
 *   <li>When {@link PublishOptions#history()} keeps history, assigning the next offset, appending
 *       to the channel's stream and delivering happen as one atomic step: every node receives a
 *       channel's publications in offset order, and a publication is delivered only once it can be
 *       read back from history.
 *   <li>A publish with an {@link PublishOptions#idempotencyKey()} already used on that channel
 *       within the idempotency window delivers nothing and completes with the first publish's
 *       position.
 *   <li>A node receives publications of a channel only between {@link #subscribe} and {@link
 *       #unsubscribe} of it; a broker may deliver more (the memory broker delivers everything),
 *       the node drops what has no local subscriber.
 *   <li>Delivery is at-most-once: a publication lost by the broker is not retried here; recovery
 *       from history is what closes such gaps.
 *   <li>A failed publish completes its stage exceptionally; it never vanishes silently.
 * </ol>
 */
public interface Broker extends AutoCloseable {

  /** Registers the node's handler; called once before any other method. */
  void start(BrokerEventHandler handler);

  /**
   * Publishes to every node subscribed to {@code channel}, appending to its history first when
   * {@code options} say so.
   *
   * @param publication the publication; its offset is ignored and assigned here
   * @return the channel's position after this publication (of the first one for a repeated
   *     idempotency key), or {@link StreamPosition#NONE} when the channel keeps no history
   */
  CompletionStage<StreamPosition> publish(
      String channel, Publication publication, PublishOptions options);

  /** Tells every node subscribed to {@code channel} that {@code info} joined it. */
  CompletionStage<Void> publishJoin(String channel, ClientInfo info);

  /** Tells every node subscribed to {@code channel} that {@code info} left it. */
  CompletionStage<Void> publishLeave(String channel, ClientInfo info);

  /**
   * Sends {@code message} to every node of the cluster, this one included: each receives it once
   * in {@link BrokerEventHandler#onControl}, messages from one sender in the order sent. Like
   * publications, control messages are at-most-once (a node that is cut off misses them); the
   * stage completes when the broker has handed the message on, or exceptionally when it could
   * not.
   */
  CompletionStage<Void> publishControl(ControlMessage message);

  /** This node wants publications of {@code channel}; idempotent. */
  CompletionStage<Void> subscribe(String channel);

  /** This node no longer wants publications of {@code channel}; idempotent. */
  CompletionStage<Void> unsubscribe(String channel);

  /** Releases connections and threads. */
  @Override
  void close();
}
