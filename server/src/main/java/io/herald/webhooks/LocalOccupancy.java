package io.herald.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Occupancy} of a single node (the memory engine): this node's transitions are the
 * cluster's. A user's last connection gone starts the grace timer; a connection within it cancels
 * the pending {@code user.offline} and sends no {@code user.online}. Thread-safe.
 */
public final class LocalOccupancy implements Occupancy {

  private final Outbox outbox;
  private final Clock clock;
  private final Duration grace;
  private final ScheduledExecutorService timer;
  private final Map<String, ScheduledFuture<?>> pendingOffline = new ConcurrentHashMap<>();

  /**
   * @param timer runs the grace timers (its task only adds to the outbox)
   */
  public LocalOccupancy(Outbox outbox, Clock clock, Duration grace,
      ScheduledExecutorService timer) {
    this.outbox = outbox;
    this.clock = clock;
    this.grace = grace;
    this.timer = timer;
  }

  @Override
  public void channelOccupied(String channel) {
    outbox.add(WebhookEvent.channel(WebhookEvent.CHANNEL_OCCUPIED, clock.millis(), channel));
  }

  @Override
  public void channelVacated(String channel) {
    outbox.add(WebhookEvent.channel(WebhookEvent.CHANNEL_VACATED, clock.millis(), channel));
  }

  @Override
  public void userConnected(String user) {
    if (user.isEmpty()) {
      return;
    }
    boolean[] wasPending = {false};
    pendingOffline.computeIfPresent(user, (u, f) -> {
      wasPending[0] = true;
      f.cancel(false);
      return null;
    });
    if (!wasPending[0]) {
      outbox.add(WebhookEvent.user(WebhookEvent.USER_ONLINE, clock.millis(), user));
    }
  }

  @Override
  public void userDisconnected(String user) {
    if (user.isEmpty()) {
      return;
    }
    pendingOffline.compute(user, (u, old) -> {
      if (old != null) {
        old.cancel(false);
      }
      return timer.schedule(() -> offline(u), grace.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  private void offline(String user) {
    boolean[] due = {false};
    pendingOffline.computeIfPresent(user, (u, f) -> {
      if (f.getDelay(TimeUnit.NANOSECONDS) > 0) {
        return f;
      }
      due[0] = true;
      return null;
    });
    if (due[0]) {
      outbox.add(WebhookEvent.user(WebhookEvent.USER_OFFLINE, clock.millis(), user));
    }
  }

  @Override
  public void close() {
    pendingOffline.values().forEach(f -> f.cancel(false));
  }
}
