package io.herald.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.api.ApiService;
import io.herald.config.IngestConfig;
import io.herald.config.IngestSource;
import io.herald.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured ingestion source of a node: builds them from {@code ingest}, starts the
 * consumers with the server ({@link #start}) and stops them in its shutdown ({@link #close}),
 * before the engine closes, so what Herald accepted is committed or acknowledged. Dapr sources are
 * served by the HTTP port through {@link #dapr()}. One daemon thread schedules retries; each
 * Kafka and JetStream source has a thread of its own, core NATS a dispatcher thread.
 */
public final class Ingestion implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

  private final ScheduledExecutorService timer;
  private final List<Ingestor> ingestors = new ArrayList<>();
  private final List<SourceConsumer> consumers = new ArrayList<>();
  private final DaprEndpoint dapr;

  /**
   * @param api runs the commands, as the HTTP server API does
   * @param nodeName the default consumer name of Redis stream sources
   */
  public Ingestion(IngestConfig config, ApiService api, IngestMetrics metrics, String nodeName) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "herald-ingest-retry");
      t.setDaemon(true);
      return t;
    });
    ObjectMapper mapper = Json.mapper(64);
    DaprEndpoint routes = new DaprEndpoint(mapper, config.daprToken());
    boolean anyDapr = false;
    for (IngestSource s : config.sources()) {
      Ingestor ingestor = new Ingestor(s.name(), new CommandReader(mapper, s.channel()), api,
          metrics, timer, config.retryMin(), config.retryMax());
      ingestors.add(ingestor);
      switch (s.type()) {
        case "kafka" -> consumers.add(new KafkaIngest(s.kafka(), ingestor));
        case "nats" -> consumers.add(new NatsIngest(s.nats(), ingestor));
        case "jetstream" -> consumers.add(new JetStreamIngest(s.jetstream(), ingestor));
        case "redisStream" ->
            consumers.add(new RedisStreamIngest(s.redisStream(), ingestor, timer, nodeName));
        case "dapr" -> {
          routes.add(s, ingestor);
          anyDapr = true;
        }
        default -> throw new IllegalArgumentException("unknown source type " + s.type());
      }
    }
    this.dapr = anyDapr ? routes.build() : null;
  }

  /** Starts every consumer; returns at once (each connects on its own, retrying). */
  public void start() {
    consumers.forEach(SourceConsumer::start);
    if (!ingestors.isEmpty()) {
      log.info("ingestion started: {} sources", ingestors.size());
    }
  }

  /** The Dapr routes, or null when no source is of type {@code dapr}. */
  public DaprEndpoint dapr() {
    return dapr;
  }

  /**
   * Stops the retries, then every consumer (each lets its message in progress finish, bounded,
   * and commits or acknowledges what Herald accepted). Blocks for a few seconds at most per
   * source. Idempotent.
   */
  @Override
  public void close() {
    ingestors.forEach(Ingestor::close);
    consumers.forEach(c -> {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.warn("an ingestion source did not close cleanly", e);
      }
    });
    timer.shutdownNow();
  }
}
