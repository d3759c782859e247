package io.herald.ingest;

import io.herald.config.IngestSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka source: a consumer in {@code groupId} on its own thread. Each poll's records are run in
 * order per partition (partitions side by side) while the partitions are paused, so the consumer
 * keeps polling (and stays in the group) however long Herald takes; an offset is committed only
 * once Herald accepted (or rejected as bad) every record before it: at-least-once. A bad record is
 * copied to {@code deadLetterTopic} when one is set, with headers {@code herald-source-topic},
 * {@code herald-source-partition}, and {@code herald-source-offset}.
 */
final class KafkaIngest implements SourceConsumer {

  private static final Logger log = LoggerFactory.getLogger(KafkaIngest.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long SETTLE_SECONDS = 5;

  private final IngestSource.KafkaSource config;
  private final Ingestor ingestor;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> deadLetters;
  private Batch batch;

  KafkaIngest(IngestSource.KafkaSource config, Ingestor ingestor) {
    this.config = config;
    this.ingestor = ingestor;
    this.thread = new Thread(this::run, "herald-ingest-kafka-" + ingestor.source());
    thread.setDaemon(true);
  }

  @Override
  public void start() {
    thread.start();
  }

  /** Consumes until closed; a consumer that fails is closed and made again after a wait. */
  private void run() {
    DoublingWait wait = new DoublingWait();
    while (!stopping) {
      if (consumeOnce()) {
        return;
      }
      try {
        Thread.sleep(wait.next());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Runs one consumer; true when it ended because of {@link #close}. */
  private boolean consumeOnce() {
    batch = null;
    try {
      consumer = new KafkaConsumer<>(consumerProperties());
      if (config.deadLetterTopic() != null) {
        deadLetters = new KafkaProducer<>(producerProperties());
      }
      consumer.subscribe(config.topics(), new Rebalance());
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          if (batch == null) {
            batch = new Batch(records);
            consumer.pause(records.partitions());
          } else {
            // Partitions assigned while a batch runs were not paused: read them again later.
            for (TopicPartition tp : records.partitions()) {
              consumer.seek(tp, records.records(tp).get(0).offset());
            }
            consumer.pause(records.partitions());
          }
        }
        if (batch != null && batch.done()) {
          commit(batch.progress);
          batch = null;
          consumer.resume(consumer.paused());
        }
      }
      return true;
    } catch (WakeupException e) {
      return true; // close() woke the consumer up
    } catch (RuntimeException e) {
      log.error("ingest source {}: Kafka consumer failed; starting a new one", ingestor.source(),
          e);
      return stopping;
    } finally {
      finish();
    }
  }

  /** Lets the record in progress finish, commits what was accepted, closes the clients. */
  private void finish() {
    try {
      if (batch != null) {
        batch.cancel();
        batch.await();
        commit(batch.progress);
      }
    } catch (RuntimeException e) {
      log.warn("ingest source {}: final commit failed", ingestor.source(), e);
    } finally {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(SETTLE_SECONDS));
      }
      if (deadLetters != null) {
        deadLetters.close(Duration.ofSeconds(SETTLE_SECONDS));
        deadLetters = null;
      }
    }
  }

  private void commit(Map<TopicPartition, Long> progress) {
    if (progress.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    progress.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
    consumer.commitSync(offsets);
  }

  @Override
  public void close() {
    stopping = true;
    if (consumer != null) {
      consumer.wakeup();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(3 * SETTLE_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The source's own {@code properties} first; Herald's settings (validated not to clash) after. */
  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "herald-" + ingestor.source());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putAll(config.properties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  /**
   * The source's {@code properties} that a producer knows too (security, SASL, TLS, ...), but not
   * its {@code client.id}; then the dead-letter producer's own settings.
   */
  private Properties producerProperties() {
    Properties p = new Properties();
    config.properties().forEach((name, value) -> {
      if (ProducerConfig.configNames().contains(name)
          && !name.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
        p.put(name, value);
      }
    });
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "herald-" + ingestor.source() + "-dead-letters");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /** One poll's records in progress: a chain per partition, and how far each got. */
  private final class Batch {

    final Map<TopicPartition, Long> progress = new ConcurrentHashMap<>();
    final Map<TopicPartition, Long> first = new HashMap<>();
    final List<CompletableFuture<Void>> chains;
    volatile boolean cancelled;

    Batch(ConsumerRecords<byte[], byte[]> records) {
      chains = records.partitions().stream().map(tp -> {
        List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
        first.put(tp, list.get(0).offset());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ConsumerRecord<byte[], byte[]> r : list) {
          chain = chain.thenCompose(v -> one(tp, r));
        }
        return chain;
      }).toList();
    }

    private CompletableFuture<Void> one(TopicPartition tp, ConsumerRecord<byte[], byte[]> r) {
      if (cancelled) {
        return CompletableFuture.completedFuture(null);
      }
      String position = r.topic() + "/" + r.partition() + "/" + r.offset();
      return ingestor.untilDone(r.value(), position)
          .thenCompose(outcome -> outcome == Outcome.REJECTED
              ? deadLetter(r) : CompletableFuture.completedFuture(null))
          .thenRun(() -> progress.put(tp, r.offset() + 1))
          .exceptionally(e -> {
            cancelled = true; // closed while retrying: this record and the rest stay uncommitted
            return null;
          });
    }

    boolean done() {
      return chains.stream().allMatch(CompletableFuture::isDone);
    }

    void cancel() {
      cancelled = true;
    }

    /** Waits (bounded) for the records in progress; {@link Ingestor#close} ends retries. */
    void await() {
      CompletableFuture<Void> all = CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new));
      try {
        all.get(SETTLE_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        log.warn("ingest source {}: a record was still in progress at close; it will be"
            + " consumed again", ingestor.source());
      } catch (Exception e) {
        // a chain failed: its progress is what it is
      }
    }

    /** Rewinds the partitions still assigned to the first record not done. */
    void rewind(Collection<TopicPartition> assigned) {
      first.forEach((tp, offset) -> {
        if (assigned.contains(tp)) {
          consumer.seek(tp, progress.getOrDefault(tp, offset));
        }
      });
    }
  }

  private CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> r) {
    if (deadLetters == null) {
      return CompletableFuture.completedFuture(null);
    }
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(config.deadLetterTopic(), null, r.key(), r.value());
    out.headers().add("herald-source-topic", bytes(r.topic()));
    out.headers().add("herald-source-partition", bytes(Integer.toString(r.partition())));
    out.headers().add("herald-source-offset", bytes(Long.toString(r.offset())));
    CompletableFuture<Void> sent = new CompletableFuture<>();
    deadLetters.send(out, (meta, error) -> {
      if (error != null) {
        log.error("ingest source {}: bad record {}/{}/{} could not be dead-lettered to {}",
            ingestor.source(), r.topic(), r.partition(), r.offset(), config.deadLetterTopic(),
            error);
      }
      sent.complete(null);
    });
    return sent;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** On a revoke, lets the batch settle, commits its progress and rewinds what stays ours. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (batch == null) {
        return;
      }
      batch.cancel();
      batch.await();
      commit(batch.progress);
      java.util.Set<TopicPartition> kept = new java.util.HashSet<>(consumer.assignment());
      kept.removeAll(partitions);
      batch.rewind(kept);
      batch = null;
      consumer.resume(consumer.paused());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }
}
