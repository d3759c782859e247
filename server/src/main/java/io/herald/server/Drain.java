package io.herald.server;

import io.herald.node.ClientSession;
import io.herald.node.protocol.Disconnect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Tells every connected client to reconnect elsewhere, spread evenly over a period: with {@code
 * n} clients and period {@code p}, client {@code i} is disconnected after {@code i * p / n}, so
 * the other nodes see a steady trickle of reconnects instead of all of them at once. Each
 * disconnect runs on its session's loop, which writes the {@code disconnect} notification and
 * the close frame.
 */
final class Drain {

  private Drain() {}

  /**
   * Disconnects {@code sessions} with {@code disconnect} over {@code period}.
   *
   * @return completes once every disconnect ran
   */
  static CompletableFuture<Void> spread(
      List<ClientSession> sessions, Disconnect disconnect, Duration period) {
    int n = sessions.size();
    List<CompletableFuture<Void>> done = new ArrayList<>(n);
    long periodNanos = period.toNanos();
    for (int i = 0; i < n; i++) {
      ClientSession s = sessions.get(i);
      CompletableFuture<Void> one = new CompletableFuture<>();
      done.add(one);
      Runnable task = () -> {
        try {
          s.disconnect(disconnect);
        } finally {
          one.complete(null);
        }
      };
      long delay = n == 0 ? 0 : periodNanos * i / n;
      if (delay == 0) {
        s.loop().execute(task);
      } else {
        s.loop().schedule(task, Duration.ofNanos(delay));
      }
    }
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
  }
}
