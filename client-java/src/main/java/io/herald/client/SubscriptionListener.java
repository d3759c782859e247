package io.herald.client;

/**
 * Events of one {@link Subscription}. Every method has an empty default. Called on the client's
 * event thread, one at a time, in order; do not block in them.
 */
public interface SubscriptionListener {

  /** Subscribing, or waiting to resubscribe after the connection was lost. */
  default void onSubscribing(Events.StateChange event) {}

  /** Subscribed; when {@code recovered}, the missed publications follow right after. */
  default void onSubscribed(Events.Subscribed event) {}

  default void onPublication(Publication publication) {}

  default void onJoin(Events.JoinLeave event) {}

  default void onLeave(Events.JoinLeave event) {}

  default void onUnsubscribed(Events.Unsubscribed event) {}

  default void onError(Events.Error event) {}
}
