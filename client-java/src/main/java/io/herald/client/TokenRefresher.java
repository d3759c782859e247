package io.herald.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Renews a connection's token before it expires: at {@code refreshAt} of its ttl it asks the
 * token supplier and sends {@code refresh}; after a failure it tries again within 1 to 5 seconds
 * (the server keeps the connection until expiry plus its grace). Not thread-safe: used on the
 * client's event loop.
 */
final class TokenRefresher {

  private final EventLoop loop;
  private final Supplier<CompletableFuture<String>> supplier;
  private final double refreshAt;
  private final ClientListener listener;
  private final Function<String, CompletableFuture<Map<?, ?>>> sendRefresh;
  private ScheduledFuture<?> timer;
  private int epoch;

  /**
   * @param supplier fresh tokens; null disables refreshing
   * @param refreshAt fraction of the ttl after which the token is renewed
   * @param sendRefresh takes the new token and sends {@code refresh} with it; completes with the
   *     result ({@code expires}, {@code ttl})
   */
  TokenRefresher(EventLoop loop, Supplier<CompletableFuture<String>> supplier, double refreshAt,
      ClientListener listener, Function<String, CompletableFuture<Map<?, ?>>> sendRefresh) {
    this.loop = loop;
    this.supplier = supplier;
    this.refreshAt = refreshAt;
    this.listener = listener;
    this.sendRefresh = sendRefresh;
  }

  /** Schedules the renewal of a token that expires in {@code ttlSeconds}. */
  void schedule(long ttlSeconds) {
    if (supplier == null) {
      return;
    }
    EventLoop.cancel(timer);
    timer = loop.schedule((long) (ttlSeconds * 1000 * refreshAt), () -> refresh(ttlSeconds));
  }

  /** Forgets the connection's token: nothing scheduled or under way renews it any more. */
  void stop() {
    epoch++;
    EventLoop.cancel(timer);
    timer = null;
  }

  private void refresh(long lastTtl) {
    int mine = epoch;
    supplier.get()
        .thenComposeAsync(t -> mine != epoch
            ? CompletableFuture.<Map<?, ?>>failedFuture(new HeraldException(
                HeraldException.CONNECTION_LOST, "connection replaced"))
            : sendRefresh.apply(t), loop.executor())
        .whenCompleteAsync((r, error) -> {
          if (mine != epoch) {
            return;
          }
          if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
            listener.onError(new Events.Error("refresh", cause));
            timer = loop.schedule(Math.min(5000, Math.max(1000, lastTtl * 100)),
                () -> refresh(lastTtl));
          } else if (Values.bool(r.get("expires"))) {
            schedule(Values.longValue(r.get("ttl")));
          }
        }, loop.executor());
  }
}
