package io.herald.bench.client;

import java.time.Duration;

/**
 * Publishes payloads through a server's publish path. {@link #publish} never waits for the
 * server (open model): a publish that cannot be sent at once is queued inside the generator, so
 * its payload's timestamp, taken before the call, includes that wait.
 *
 * <p>{@link #publish} is called from one thread, the scenario's schedule.
 */
public interface Publisher extends AutoCloseable {

  /** Connects; returns when {@link #publish} may be called. */
  void start(Duration timeout) throws Exception;

  /** Sends one publish of {@code payload} to {@code channel} (the server's channel name). */
  void publish(String channel, byte[] payload);

  /** Publishes handed to the network so far. */
  long sent();

  /** Publishes the server refused or that failed in the generator (queue full, socket lost). */
  long errors();

  /** What this publisher is, for the report: {@code api} (HTTP) or {@code ws}. */
  String path();

  @Override
  void close();
}
