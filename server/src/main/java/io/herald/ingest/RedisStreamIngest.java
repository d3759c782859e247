package io.herald.ingest;

import io.herald.config.IngestSource;
import io.herald.clients.RedisClients;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Streams source on Lettuce's asynchronous API: a consumer in {@code group} (created with
 * the stream, {@code MKSTREAM}, when missing). At start it first reads its own pending entries
 * (delivered before a restart but never acknowledged, {@code XREADGROUP ... 0}), then new ones
 * ({@code >}), {@code batchSize} at a time, blocking at most a second in Redis. Entries run one at
 * a time, in order; those Herald accepted, or found bad (logged and counted: Redis has no
 * dead-letter place), are acknowledged with one {@code XACK} per read. At-least-once. No thread of its
 * own: each step continues in the callback of the one before.
 */
final class RedisStreamIngest implements SourceConsumer {

  private static final Logger log = LoggerFactory.getLogger(RedisStreamIngest.class);
  private static final long BLOCK_MILLIS = 1000;

  private final IngestSource.RedisStreamSource config;
  private final Ingestor ingestor;
  private final ScheduledExecutorService timer;
  private final String consumerName;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean stopping;
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> connection;
  private RedisAsyncCommands<String, byte[]> redis;
  private final DoublingWait retryWait = new DoublingWait();

  RedisStreamIngest(IngestSource.RedisStreamSource config, Ingestor ingestor,
      ScheduledExecutorService timer, String defaultConsumer) {
    this.config = config;
    this.ingestor = ingestor;
    this.timer = timer;
    this.consumerName = config.consumer() == null ? defaultConsumer : config.consumer();
  }

  @Override
  public void start() {
    client = RedisClient.create();
    client.setOptions(ClientOptions.builder()
        .sslOptions(RedisClients.sslOptions(config.tlsCaFile()))
        .build());
    connect();
  }

  private void connect() {
    client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE),
            io.lettuce.core.RedisURI.create(config.address()))
        .whenComplete((c, error) -> {
          if (error != null) {
            retry("cannot connect to " + RedisClients.hosts(List.of(config.address())), error,
                this::connect);
            return;
          }
          connection = c;
          redis = c.async();
          createGroup();
        });
  }

  private void createGroup() {
    redis.xgroupCreate(XReadArgs.StreamOffset.from(config.stream(), "0"), config.group(),
            XGroupCreateArgs.Builder.mkstream())
        .whenComplete((ok, error) -> {
          if (error != null && !(error instanceof RedisBusyException)
              && !String.valueOf(error.getMessage()).startsWith("BUSYGROUP")) {
            retry("cannot create group " + config.group(), error, this::createGroup);
            return;
          }
          read("0");
        });
  }

  /** Reads from {@code id}: "0" and on for pending entries, ">" for new ones. */
  private void read(String id) {
    if (stopping) {
      stopped.complete(null);
      return;
    }
    XReadArgs args = XReadArgs.Builder.count(config.batchSize());
    if (id.equals(">")) {
      args.block(BLOCK_MILLIS);
    }
    redis.xreadgroup(Consumer.from(config.group(), consumerName), args,
            XReadArgs.StreamOffset.from(config.stream(), id))
        .whenComplete((entries, error) -> {
          if (error != null) {
            retry("XREADGROUP failed", error, () -> read(id));
            return;
          }
          retryWait.reset();
          if (entries.isEmpty()) {
            read(">");
            return;
          }
          String last = entries.get(entries.size() - 1).getId();
          List<String> done = new ArrayList<>();
          process(entries, 0, done).whenComplete((v, e) -> ack(done).whenComplete((n, ackError) -> {
            if (ackError != null) {
              log.warn("ingest source {}: XACK failed ({}); the entries will run again",
                  ingestor.source(), ackError.getMessage());
            }
            if (e != null) {
              stopped.complete(null); // closed while retrying: the entry stays pending
            } else {
              read(id.equals(">") ? ">" : last);
            }
          }));
        });
  }

  /** Runs entries {@code i}.. one at a time, adding the id of each one done to {@code done}. */
  private CompletionStage<Void> process(
      List<StreamMessage<String, byte[]>> entries, int i, List<String> done) {
    if (i == entries.size() || stopping) {
      return CompletableFuture.completedFuture(null);
    }
    StreamMessage<String, byte[]> entry = entries.get(i);
    String position = "stream " + config.stream() + " id " + entry.getId();
    byte[] body = entry.getBody() == null ? null : entry.getBody().get(config.field());
    CompletionStage<Outcome> outcome = body == null
        ? ingestor.once(new byte[0], position + " (no field " + config.field() + ")")
        : ingestor.untilDone(body, position);
    return outcome.thenCompose(o -> {
      done.add(entry.getId());
      return process(entries, i + 1, done);
    });
  }

  /** One {@code XACK} for every entry of a read that is done. */
  private CompletionStage<Long> ack(List<String> ids) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    return redis.xack(config.stream(), config.group(), ids.toArray(String[]::new));
  }

  private void retry(String what, Throwable error, Runnable again) {
    if (stopping) {
      stopped.complete(null);
      return;
    }
    long wait = retryWait.next();
    log.warn("ingest source {}: {} ({}); retrying in {} ms", ingestor.source(), what,
        error.getMessage(), wait);
    timer.schedule(again, wait, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    stopping = true;
    try {
      stopped.get(BLOCK_MILLIS * 3, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.debug("ingest source {}: closing without waiting for the read in progress",
          ingestor.source());
    }
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
