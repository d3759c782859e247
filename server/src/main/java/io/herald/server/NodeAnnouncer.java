package io.herald.server;

import io.herald.node.Node;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the node to its cluster every {@link Node#ANNOUNCE_INTERVAL} on one daemon thread,
 * so API {@code info} on any node lists every live node, and says goodbye on {@link #close}.
 * A failed announcement is logged at debug and retried at the next tick: the broker reports its
 * own outages.
 */
final class NodeAnnouncer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeAnnouncer.class);
  private static final long GOODBYE_WAIT_MILLIS = 1000;

  private final Node node;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-announce");
        t.setDaemon(true);
        return t;
      });

  NodeAnnouncer(Node node) {
    this.node = node;
    long ms = Node.ANNOUNCE_INTERVAL.toMillis();
    timer.scheduleAtFixedRate(this::announce, 0, ms, TimeUnit.MILLISECONDS);
  }

  private void announce() {
    try {
      node.announce().exceptionally(e -> {
        log.debug("announcing the node failed: {}", e.toString());
        return null;
      });
    } catch (RuntimeException e) {
      log.debug("announcing the node failed: {}", e.toString());
    }
  }

  /** Stops announcing and tells the cluster this node leaves, waiting up to a second. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      node.announceLeaving().toCompletableFuture()
          .get(GOODBYE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.debug("telling the cluster this node leaves failed: {}", e.toString());
    }
  }
}
