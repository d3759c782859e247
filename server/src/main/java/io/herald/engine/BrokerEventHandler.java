package io.herald.engine;

/**
 * The narrow callback a {@link Broker} uses to hand what it receives to the node. Registered once
 * with {@link Broker#start}. Implementations are fast and non-blocking; they may be called from any
 * thread, but for one channel never concurrently.
 */
public interface BrokerEventHandler {

  /** A publication arrived for {@code channel}, in the channel's publish order. */
  void onPublication(String channel, Publication publication);
}
