package io.herald.ingest;

/**
 * A running consumer of one source. {@link #start} returns at once (connecting happens on the
 * consumer's own thread, retried until it works); {@link #close} stops consuming, lets the message
 * in progress finish (bounded) and acknowledges or commits what Herald accepted.
 */
interface SourceConsumer extends AutoCloseable {

  /** Starts consuming; never blocks. */
  void start();

  /** Stops; blocks the caller for at most a few seconds. Idempotent. */
  @Override
  void close();
}
