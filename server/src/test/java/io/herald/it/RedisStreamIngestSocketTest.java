package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.IngestSource;
import io.herald.engine.redis.RedisProcess;
import io.herald.server.HeraldServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis Streams into Herald against the Redis at 127.0.0.1:6379, unique keys per test. */
class RedisStreamIngestSocketTest extends IngestTestBase {

  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;
  private final String stream = unique("herald-ingest-test");

  @BeforeEach
  void connect() {
    client = RedisClient.create("redis://127.0.0.1:6379");
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterEach
  void deleteStream() {
    redis.del(stream);
    connection.close();
    client.shutdown();
  }

  private IngestSource source(String consumer) {
    return source("orders", "redisStream").with("redisStream",
        new IngestSource.RedisStreamSource("redis://127.0.0.1:6379", stream, "herald", consumer,
            "data", 100));
  }

  private long pending() {
    return redis.xpending(stream, "herald").getCount();
  }

  @Test
  void entriesReachSubscriberPoisonIsSkippedAndEverythingAcknowledged() {
    HeraldServer server = startWith(source("node-a"));
    String channel = unique("redis");
    WsClient ws = subscriber(server, "alice", channel);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> redis.exists(stream) == 1);
    redis.xadd(stream, Map.of("data", "{not json"));
    redis.xadd(stream, Map.of("other", "no data field"));
    redis.xadd(stream, Map.of("data", "{\"method\":\"nope\",\"params\":{}}"));
    redis.xadd(stream, Map.of("data", publish(channel, "{\"n\":\"good\"}")));
    assertGoodArrivesFirst(ws, channel, "good");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
    assertThat(Scrape.of(http, server.port())
        .get("herald_ingestion_failures_total{source=\"orders\"}")).isEqualTo(3.0);
  }

  @Test
  void aStreamOnATlsRedisIsReadWithTheCaFile(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "redis-stream");
    try (RedisProcess tls = RedisProcess.startTls(certs.certFile(), certs.keyFile())) {
      String address = "rediss://localhost:" + tls.port();
      HeraldServer server = startWith(source("orders", "redisStream").with("redisStream",
          new IngestSource.RedisStreamSource(address, stream, "herald", "node-tls", "data", 100,
              certs.certFile().toString())));
      String channel = unique("redis-tls");
      WsClient ws = subscriber(server, "alice", channel);
      RedisClient tlsClient = RedisClient.create(address);
      tlsClient.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder()
          .jdkSslProvider().trustManager(certs.certFile().toFile()).build()).build());
      try (StatefulRedisConnection<String, String> c = tlsClient.connect()) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> c.sync().exists(stream) == 1);
        c.sync().xadd(stream, Map.of("data", publish(channel, "{\"n\":\"good\"}")));
        assertGoodArrivesFirst(ws, channel, "good");
      } finally {
        tlsClient.shutdown();
      }
    }
  }

  @Test
  void pendingEntriesOfTheConsumerAreProcessedAfterRestart() {
    redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), "herald",
        XGroupCreateArgs.Builder.mkstream());
    String channel = unique("redis");
    redis.xadd(stream, Map.of("data", publish(channel, "{\"n\":\"left pending\"}")));
    // A consumer read it and died before acknowledging.
    redis.xreadgroup(Consumer.from("herald", "node-b"), XReadArgs.StreamOffset.lastConsumed(stream));
    assertThat(pending()).isEqualTo(1);
    HeraldServer server = startWith(source("node-b"));
    WsClient ws = subscriber(server, "alice", channel);
    // The subscriber may come after the pending entry was published: read it from a new one too.
    redis.xadd(stream, Map.of("data", publish(channel, "{\"n\":\"new\"}")));
    awaitData(ws, channel);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
    assertThat(Scrape.of(http, server.port())
        .get("herald_ingested_messages_total{source=\"orders\"}")).isEqualTo(2.0);
  }
}
