package io.herald.ingest;

import io.herald.config.IngestSource;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A core NATS source: a subscription (in {@code queueGroup} when set) whose messages are run one
 * at a time, in order, on the subscription's dispatcher thread. Core NATS keeps nothing:
 * at-most-once; a message arriving while Herald is unreachable waits (retried) and those behind it
 * queue in the client up to its pending limits (then NATS drops them as a slow consumer).
 */
final class NatsIngest implements SourceConsumer {

  private static final Logger log = LoggerFactory.getLogger(NatsIngest.class);

  private final IngestSource.NatsSource config;
  private final Ingestor ingestor;
  private final Thread starter;
  private volatile boolean stopping;
  private volatile Connection connection;

  NatsIngest(IngestSource.NatsSource config, Ingestor ingestor) {
    this.config = config;
    this.ingestor = ingestor;
    this.starter = new Thread(this::connect, "herald-ingest-nats-" + ingestor.source());
    starter.setDaemon(true);
  }

  @Override
  public void start() {
    starter.start();
  }

  private void connect() {
    try {
      Connection c = NatsConnector.connect(
          config.url(), config.credentialsFile(), ingestor.source(), () -> stopping);
      if (c == null) {
        return;
      }
      Dispatcher dispatcher = c.createDispatcher(this::handle);
      if (config.queueGroup() == null) {
        dispatcher.subscribe(config.subject());
      } else {
        dispatcher.subscribe(config.subject(), config.queueGroup());
      }
      connection = c;
      if (stopping) {
        close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(Message message) throws InterruptedException {
    try {
      ingestor.untilDone(message.getData(), "subject " + message.getSubject()).get();
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      log.debug("ingest source {}: message dropped at close", ingestor.source());
    }
  }

  @Override
  public void close() {
    stopping = true;
    starter.interrupt();
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
