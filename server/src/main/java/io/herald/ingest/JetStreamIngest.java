package io.herald.ingest;

import io.herald.config.IngestSource;
import io.nats.client.ConsumerContext;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JetStream source: a durable consumer (created or updated at start, explicit acks) on an
 * existing stream, pull (batches fetched on the source's thread) or push (a dispatcher thread, the
 * durable name as deliver group so that several nodes share the messages).
 * Messages run one at a time, in stream order. Herald accepted it: {@code ack}; a bad message:
 * {@code term} (JetStream never redelivers it); closed while Herald could not accept it: {@code
 * nak}, so JetStream redelivers it at once (to another node, or after restart). At-least-once.
 */
final class JetStreamIngest implements SourceConsumer {

  private static final Logger log = LoggerFactory.getLogger(JetStreamIngest.class);
  private static final int FETCH_EXPIRES_MILLIS = 1000;

  private final IngestSource.JetStreamSource config;
  private final Ingestor ingestor;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Connection connection;

  JetStreamIngest(IngestSource.JetStreamSource config, Ingestor ingestor) {
    this.config = config;
    this.ingestor = ingestor;
    this.thread = new Thread(this::run, "herald-ingest-jetstream-" + ingestor.source());
    thread.setDaemon(true);
  }

  @Override
  public void start() {
    thread.start();
  }

  private void run() {
    DoublingWait wait = new DoublingWait();
    try {
      connection = NatsConnector.connect(
          config.url(), config.credentialsFile(), ingestor.source(), () -> stopping);
      while (!stopping && connection != null) {
        try {
          consume(connection);
          return;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
          log.warn("ingest source {}: JetStream consumer {} on stream {} failed ({}); retrying",
              ingestor.source(), config.durable(), config.stream(), e.getMessage());
          Thread.sleep(wait.next());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void consume(Connection c) throws IOException, JetStreamApiException, InterruptedException {
    ConsumerConfiguration.Builder cc = ConsumerConfiguration.builder()
        .durable(config.durable())
        .ackPolicy(AckPolicy.Explicit)
        .ackWait(config.ackWait());
    if (config.subject() != null) {
      cc.filterSubject(config.subject());
    }
    if (!config.pull()) {
      // The client subscribes to the deliver subject before it creates the consumer, so nothing
      // is pushed before anyone listens; the durable name is the queue the nodes share.
      Dispatcher dispatcher = c.createDispatcher();
      c.jetStream().subscribe(config.subject(), config.durable(), dispatcher, this::handle, false,
          PushSubscribeOptions.builder().stream(config.stream()).durable(config.durable())
              .configuration(cc.build()).build());
      return;
    }
    c.jetStreamManagement().addOrUpdateConsumer(config.stream(), cc.build());
    ConsumerContext consumer = c.getConsumerContext(config.stream(), config.durable());
    FetchConsumeOptions fetch = FetchConsumeOptions.builder()
        .maxMessages(config.batchSize()).expiresIn(FETCH_EXPIRES_MILLIS).build();
    while (!stopping) {
      try (FetchConsumer batch = consumer.fetch(fetch)) {
        Message m;
        while (!stopping && (m = batch.nextMessage()) != null) {
          handle(m);
        }
      } catch (io.nats.client.JetStreamStatusCheckedException e) {
        log.debug("ingest source {}: fetch ended: {}", ingestor.source(), e.getMessage());
      } catch (Exception e) {
        if (e instanceof InterruptedException ie) {
          throw ie;
        }
        throw new IOException(e);
      }
    }
  }

  private void handle(Message m) throws InterruptedException {
    String position = "stream " + config.stream() + " seq "
        + (m.isJetStream() ? m.metaData().streamSequence() : -1);
    try {
      Outcome outcome = ingestor.untilDone(m.getData(), position).get();
      if (outcome == Outcome.ACCEPTED) {
        m.ack();
      } else {
        m.term();
      }
    } catch (ExecutionException | CancellationException e) {
      m.nak();
    }
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(3 * FETCH_EXPIRES_MILLIS);
      thread.interrupt();
      Connection c = connection;
      if (c != null) {
        c.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
