package io.herald.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's subscriptions by channel, at most one live one per channel, in the order they were
 * made. Thread-safe: {@code subscribe} and {@code subscription} are called from any thread.
 */
final class SubscriptionTable {

  private final Map<String, Subscription> byChannel = new LinkedHashMap<>();

  /**
   * Makes {@code sub} the channel's subscription.
   *
   * @throws HeraldException BAD_STATE when the channel already has a live subscription
   */
  synchronized void add(Subscription sub) {
    Subscription existing = byChannel.get(sub.channel());
    if (existing != null && existing.state() != Subscription.State.UNSUBSCRIBED) {
      throw new HeraldException(HeraldException.BAD_STATE,
          "already subscribed to " + sub.channel());
    }
    byChannel.put(sub.channel(), sub);
    sub.claim();
  }

  /** The channel's subscription, or null. */
  synchronized Subscription get(String channel) {
    return byChannel.get(channel);
  }

  /** Removes {@code sub}, unless another subscription took its channel meanwhile. */
  synchronized void remove(Subscription sub) {
    byChannel.remove(sub.channel(), sub);
  }

  /** Every subscription, in the order they were made. */
  synchronized List<Subscription> snapshot() {
    return new ArrayList<>(byChannel.values());
  }
}
