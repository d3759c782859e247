package io.herald.engine;

import java.util.concurrent.CompletionStage;

/**
 * Carries publications between the nodes of a cluster. The memory broker is the embedded
 * default; distributed brokers (Redis, NATS) implement the same contract.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>No method blocks the calling thread (it is often an event loop): work that waits on I/O
 *       completes the returned stage later, on the broker's own threads.
 *   <li>{@link #publish} delivers the publication to {@link BrokerEventHandler#onPublication} of
 *       every node subscribed to the channel, this node included; publications of one channel
 *       from one publisher arrive in the order they were published.
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

  /** Publishes to every node subscribed to {@code channel}. */
  CompletionStage<Void> publish(String channel, Publication publication);

  /** This node wants publications of {@code channel}; idempotent. */
  CompletionStage<Void> subscribe(String channel);

  /** This node no longer wants publications of {@code channel}; idempotent. */
  CompletionStage<Void> unsubscribe(String channel);

  /** Releases connections and threads. */
  @Override
  void close();
}
