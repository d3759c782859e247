package io.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every client and subscription event, in order, for the tests to take one by one. */
final class Recorder implements ClientListener, SubscriptionListener {

  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  final List<Publication> publications = new CopyOnWriteArrayList<>();

  record Connecting(Events.StateChange change) {}

  record Disconnected(Events.StateChange change) {}

  record Subscribing(Events.StateChange change) {}

  @Override
  public void onConnecting(Events.StateChange e) {
    events.add(new Connecting(e));
  }

  @Override
  public void onConnected(Events.Connected e) {
    events.add(e);
  }

  @Override
  public void onDisconnected(Events.StateChange e) {
    events.add(new Disconnected(e));
  }

  @Override
  public void onError(Events.Error e) {
    events.add(e);
  }

  @Override
  public void onSubscribing(Events.StateChange e) {
    events.add(new Subscribing(e));
  }

  @Override
  public void onSubscribed(Events.Subscribed e) {
    events.add(e);
  }

  @Override
  public void onPublication(Publication p) {
    publications.add(p);
    events.add(p);
  }

  @Override
  public void onJoin(Events.JoinLeave e) {
    events.add(e);
  }

  @Override
  public void onUnsubscribed(Events.Unsubscribed e) {
    events.add(e);
  }

  /** The next event of {@code type}, skipping others; fails after {@code timeout}. */
  <T> T next(Class<T> type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Object e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      assertThat(e).as("a %s within %s", type.getSimpleName(), timeout).isNotNull();
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
  }

  <T> T next(Class<T> type) throws InterruptedException {
    return next(type, Duration.ofSeconds(5));
  }
}
