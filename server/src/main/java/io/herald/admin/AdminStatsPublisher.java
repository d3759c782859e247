package io.herald.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.node.Node;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's {@link AdminStats} to {@link #CHANNEL} every {@link #INTERVAL}, so the
 * admin page, subscribed to it over Herald's own WebSocket, updates live; with a distributed
 * broker every node publishes there and the page shows the cluster. The channel is private
 * ({@code $}): a client can only get it from the server (the admin's connection token lists
 * it), never by asking. Runs on a thread of its own; {@link #close} stops it.
 */
public final class AdminStatsPublisher implements AutoCloseable {

  /** Where every node publishes its stats. */
  public static final String CHANNEL = "$herald-admin";

  /** How often stats are published. */
  public static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(AdminStatsPublisher.class);

  private final Node node;
  private final AdminStats stats;
  private final ObjectMapper mapper;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-admin-stats");
        t.setDaemon(true);
        return t;
      });

  /** Publishes {@code stats} through {@code node} once {@link #start} is called. */
  public AdminStatsPublisher(Node node, AdminStats stats, ObjectMapper mapper) {
    this.node = node;
    this.stats = stats;
    this.mapper = mapper;
  }

  /** Starts publishing. */
  public void start() {
    long ms = INTERVAL.toMillis();
    timer.scheduleAtFixedRate(this::publishOnce, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void publishOnce() {
    try {
      byte[] data = mapper.writeValueAsBytes(stats.snapshot());
      node.publish(CHANNEL, data)
          .whenComplete((ok, e) -> {
            if (e != null) {
              log.warn("cannot publish admin stats: {}", e.toString());
            }
          });
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("cannot publish admin stats: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
