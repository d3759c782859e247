package io.herald.pusher;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.node.protocol.Cancellable;
import io.herald.node.protocol.SessionLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A node side for {@link PusherConnection} tests: runs everything at once on the calling thread,
 * keeps scheduled tasks until {@link #advance} reaches them, and records what the connection did.
 */
final class FakeCore implements PusherCore {

  long nanos;
  final List<String> sent = new ArrayList<>();
  final List<String> subscribed = new ArrayList<>();
  final Map<String, ClientInfo> members = new HashMap<>();
  final List<String> unsubscribed = new ArrayList<>();
  final List<String> published = new ArrayList<>();
  final Map<String, Map<String, ClientInfo>> presence = new HashMap<>();
  final Map<String, Publication> last = new HashMap<>();
  String signedIn;
  Integer closedWith;
  private final Map<Runnable, Long> tasks = new LinkedHashMap<>();

  final SessionLoop loop = new SessionLoop() {
    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      tasks.put(task, nanos + delay.toNanos());
      return () -> tasks.remove(task);
    }

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public boolean inLoop() {
      return true;
    }
  };

  /** Moves the clock on by {@code d}, running the tasks that become due. */
  void advance(Duration d) {
    long until = nanos + d.toNanos();
    while (true) {
      Map.Entry<Runnable, Long> next = tasks.entrySet().stream()
          .filter(e -> e.getValue() <= until).min(Map.Entry.comparingByValue()).orElse(null);
      if (next == null) {
        break;
      }
      tasks.remove(next.getKey());
      nanos = next.getValue();
      next.getKey().run();
    }
    nanos = until;
  }

  String lastSent() {
    return sent.get(sent.size() - 1);
  }

  @Override
  public SessionLoop loop() {
    return loop;
  }

  @Override
  public void send(byte[] frame) {
    sent.add(new String(frame, StandardCharsets.UTF_8));
  }

  @Override
  public void close(int code, String reason) {
    closedWith = code;
  }

  @Override
  public CompletionStage<Void> subscribe(String channel, ClientInfo member) {
    subscribed.add(channel);
    members.put(channel, member);
    presence.computeIfAbsent(channel, c -> new LinkedHashMap<>()).put(member.client(), member);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void unsubscribe(String channel) {
    unsubscribed.add(channel);
  }

  @Override
  public CompletionStage<Map<String, ClientInfo>> presence(String channel) {
    return CompletableFuture.completedFuture(presence.getOrDefault(channel, Map.of()));
  }

  @Override
  public CompletionStage<Publication> last(String channel) {
    return CompletableFuture.completedFuture(last.get(channel));
  }

  @Override
  public CompletionStage<Void> publish(String channel, byte[] data, String event,
      ClientInfo from) {
    published.add(channel + " " + event + " " + new String(data, StandardCharsets.UTF_8) + " "
        + from.user() + "/" + from.client());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void signIn(String heraldUser) {
    signedIn = heraldUser;
  }
}
