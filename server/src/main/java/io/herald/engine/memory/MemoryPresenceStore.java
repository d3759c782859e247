package io.herald.engine.memory;

import io.herald.engine.ClientInfo;
import io.herald.engine.PresenceStats;
import io.herald.engine.PresenceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence of the memory engine: a map of channels to their entries, each with an expiry. Expired
 * entries are invisible at once and reclaimed by {@link #sweep}. Thread-safe.
 */
public final class MemoryPresenceStore implements PresenceStore {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private record Entry(ClientInfo info, long expiresAtMillis) {}

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> channels =
      new ConcurrentHashMap<>();
  private final Clock clock;

  MemoryPresenceStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CompletionStage<Void> add(String channel, ClientInfo info, Duration ttl) {
    Entry entry = new Entry(info, clock.millis() + ttl.toMillis());
    channels.compute(channel, (name, entries) -> {
      ConcurrentHashMap<String, Entry> out = entries == null ? new ConcurrentHashMap<>() : entries;
      out.put(info.client(), entry);
      return out;
    });
    return DONE;
  }

  @Override
  public CompletionStage<Void> remove(String channel, String client) {
    channels.computeIfPresent(channel, (name, entries) -> {
      entries.remove(client);
      return entries.isEmpty() ? null : entries;
    });
    return DONE;
  }

  @Override
  public CompletionStage<Map<String, ClientInfo>> presence(String channel) {
    Map<String, ClientInfo> out = new HashMap<>();
    long now = clock.millis();
    Map<String, Entry> entries = channels.get(channel);
    if (entries != null) {
      entries.forEach((client, e) -> {
        if (e.expiresAtMillis() > now) {
          out.put(client, e.info());
        }
      });
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletionStage<PresenceStats> stats(String channel) {
    return presence(channel).thenApply(clients -> {
      Set<String> users = new HashSet<>();
      clients.values().forEach(info -> users.add(info.user()));
      return new PresenceStats(clients.size(), users.size());
    });
  }

  /** Channels with presence entries held, expired ones not reclaimed yet included. */
  public int channelCount() {
    return channels.size();
  }

  /** Reclaims expired entries and empty channels. */
  void sweep() {
    long now = clock.millis();
    for (String channel : channels.keySet()) {
      channels.computeIfPresent(channel, (name, entries) -> {
        entries.values().removeIf(e -> e.expiresAtMillis() <= now);
        return entries.isEmpty() ? null : entries;
      });
    }
  }
}
