package io.herald.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.IngestSource;
import io.herald.engine.nats.NatsServerProcess;
import io.herald.json.Json;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NATS source's {@code credentialsFile}: against a server that admits one NKey user only, the
 * source with that user's {@code .creds}-style seed file consumes what is published.
 */
class NatsIngestCredentialsTest {

  @TempDir
  Path dir;

  @Test
  void aSourceWithTheUsersCredentialsConsumes() throws Exception {
    NKey user = NKey.createUser(null);
    Path seed = dir.resolve("ingest.creds");
    Files.writeString(seed, "-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed())
        + "\n------END USER NKEY SEED------\n", StandardCharsets.US_ASCII);
    Path config = dir.resolve("nats.conf");
    Files.writeString(config,
        "authorization { users = [ { nkey: " + new String(user.getPublicKey()) + " } ] }\n");
    OutageNode node = new OutageNode();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (NatsServerProcess server = new NatsServerProcess(config)) {
      server.start();
      Ingestor ingestor = new Ingestor("secure-nats", new CommandReader(Json.mapper(64), null),
          node.api, new CountingMetrics(), timer, Duration.ofMillis(10), Duration.ofMillis(50));
      NatsIngest source = new NatsIngest(
          new IngestSource.NatsSource(server.url(), "commands", null, seed.toString()), ingestor);
      source.start();
      Options publisherOptions = new Options.Builder().server(server.url())
          .authHandler(Nats.staticCredentials(null, user.getSeed())).build();
      try (Connection publisher = Nats.connect(publisherOptions)) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
          publisher.publish("commands", ("{\"method\":\"publish\",\"params\":{\"channel\":\"c\","
              + "\"data\":\"signed\"}}").getBytes(StandardCharsets.UTF_8));
          publisher.flush(Duration.ofSeconds(1));
          return !node.published.isEmpty();
        });
        assertThat(node.published).first().isEqualTo("\"signed\"");
      } finally {
        ingestor.close();
        source.close();
      }
    } finally {
      timer.shutdownNow();
    }
  }
}
