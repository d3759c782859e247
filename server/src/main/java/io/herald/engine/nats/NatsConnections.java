package io.herald.engine.nats;

import io.herald.clients.NatsCredentials;

import io.herald.config.NatsConfig;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the broker's NATS connection with Herald's choices: reconnect forever with exponential
 * backoff and jitter, no reconnect buffer (a publish while disconnected fails at once instead of
 * being sent late or lost with the buffer), a bounded outgoing queue that refuses instead of
 * waiting, and jnats' errors in Herald's log instead of on stderr.
 */
final class NatsConnections {

  private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);

  private NatsConnections() {}

  /**
   * A connected connection; blocks up to {@link NatsConfig#connectTimeout()} per server.
   *
   * @param events receives the connection's events, on a jnats thread
   * @throws IllegalStateException naming {@code broker.nats.url} when no server could be reached
   */
  static Connection connect(
      NatsConfig config, String name, Consumer<ConnectionListener.Events> events) {
    Options.Builder builder = Options.builder()
        .servers(config.url().split("\\s*,\\s*"))
        .connectionName("herald " + name)
        .connectionTimeout(config.connectTimeout())
        .maxReconnects(-1)
        .reconnectDelayHandler(tries -> backoff(config, tries))
        .reconnectBufferSize(0)
        .maxMessagesInOutgoingQueue(config.maxPendingMessages())
        .writeQueuePushTimeout(Duration.ofMillis(1))
        .connectionListener((connection, event) -> events.accept(event))
        .errorListener(new LoggingErrors());
    if (config.credentialsFile() != null) {
      builder.authHandler(NatsCredentials.handler(config.credentialsFile()));
    }
    try {
      return Nats.connect(builder.build());
    } catch (IOException e) {
      throw new IllegalStateException(
          "broker.nats.url: cannot connect to NATS: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("broker.nats.url: interrupted while connecting", e);
    }
  }

  /** The wait before reconnect attempt {@code tries}: doubling from the first, capped, +0-20%. */
  static Duration backoff(NatsConfig config, long tries) {
    long first = config.reconnectWait().toMillis();
    long max = Math.max(first, config.reconnectMaxWait().toMillis());
    long wait = first << Math.min(Math.max(tries - 1, 0), 20);
    wait = Math.min(wait <= 0 ? max : wait, max);
    return Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(wait / 5 + 1));
  }

  /** jnats errors in Herald's log (a slow consumer drops messages: the node then recovers). */
  private static final class LoggingErrors implements ErrorListener {

    @Override
    public void errorOccurred(Connection conn, String error) {
      log.warn("NATS error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      // Every failed reconnect attempt lands here; the broker logs the outage itself.
      log.debug("NATS connection problem: {}", exp.toString());
    }

    @Override
    public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
      log.warn("NATS messages dropped: this node reads more slowly than they arrive");
    }
  }
}
