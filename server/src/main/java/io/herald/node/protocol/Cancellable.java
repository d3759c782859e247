package io.herald.node.protocol;

/** A scheduled task that can be cancelled; cancelling twice or after it ran does nothing. */
@FunctionalInterface
public interface Cancellable {

  /** Does nothing. */
  Cancellable NONE = () -> {};

  /** Cancels the task if it has not run yet. */
  void cancel();
}
