package io.herald.ingest;

import io.herald.clients.NatsCredentials;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to NATS for a source, retrying with a {@link DoublingWait} until it works. Logs never
 * show credentials given in the URL.
 */
final class NatsConnector {

  private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

  private NatsConnector() {}

  /**
   * Blocks the calling (source) thread until connected.
   *
   * @param credentialsFile a {@code .creds} or NKey seed file, or null
   * @param stopped tells when to give up
   * @return the connection (it reconnects on its own from then on), or null when stopped
   */
  static Connection connect(
      String url, String credentialsFile, String source, BooleanSupplier stopped)
      throws InterruptedException {
    Options.Builder builder = Options.builder()
        .servers(url.split(","))
        .connectionName("herald-ingest-" + source)
        .maxReconnects(-1)
        .reconnectWait(Duration.ofSeconds(1));
    if (credentialsFile != null) {
      builder.authHandler(NatsCredentials.handler(credentialsFile));
    }
    Options options = builder.build();
    DoublingWait wait = new DoublingWait();
    while (!stopped.getAsBoolean()) {
      try {
        return Nats.connect(options);
      } catch (IOException e) {
        log.warn("ingest source {}: cannot connect to NATS at {} ({}); retrying", source,
            url.replaceAll("//[^@/]*@", "//***@"), e.getMessage());
        Thread.sleep(wait.next());
      }
    }
    return null;
  }
}
