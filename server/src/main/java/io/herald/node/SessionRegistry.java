package io.herald.node;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Unsubscribe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This node's connected sessions by user: the per-user connection limit, the cluster's per-user
 * actions (server-side subscribe, unsubscribe, disconnect) carried out here, and the drain at
 * shutdown. Reports a user's first and last session to the node's {@link NodeEvents}.
 * Thread-safe: the map is concurrent and each action runs on the session's own loop.
 */
final class SessionRegistry {

  private final SessionContext context;
  private final Map<String, Set<ClientSession>> byUser = new ConcurrentHashMap<>();

  SessionRegistry(SessionContext context) {
    this.context = context;
  }

  /**
   * Counts {@code session} among its user's connections, unless the user already has {@code
   * client.userConnectionLimit} of them on this node (anonymous connections are not limited).
   * Atomic per user.
   *
   * @return false when the limit refused it
   */
  boolean register(ClientSession session) {
    int limit = context.limits().userConnectionLimit();
    boolean[] added = {false};
    byUser.compute(session.user(), (u, set) -> {
      Set<ClientSession> sessions = set == null ? ConcurrentHashMap.newKeySet() : set;
      if (limit <= 0 || u.isEmpty() || sessions.size() < limit) {
        sessions.add(session);
        added[0] = true;
        if (sessions.size() == 1) {
          context.emit(e -> e.userOnline(u));
        }
      }
      return sessions.isEmpty() ? null : sessions;
    });
    return added[0];
  }

  /** {@code session} closed after it had registered. */
  void unregistered(ClientSession session) {
    byUser.computeIfPresent(session.user(), (u, set) -> {
      if (set.remove(session) && set.isEmpty()) {
        context.emit(e -> e.userOffline(u));
      }
      return set.isEmpty() ? null : set;
    });
  }

  /** Server-side subscribe of every session of {@code user} here. */
  void subscribeHere(String user, String channel) {
    ChannelName parsed = ChannelName.parse(channel);
    context.namespaces().of(parsed);
    forEach(user, null, s -> s.serverSubscribe(parsed));
  }

  /** Server-side unsubscribe of every session of {@code user} here. */
  void unsubscribeHere(String user, String channel) {
    forEach(user, null, s -> s.serverUnsubscribe(channel, Unsubscribe.SERVER));
  }

  /** Disconnects the sessions of {@code user} here, or only {@code client} when not null. */
  void disconnectHere(String user, String client, Disconnect disconnect) {
    forEach(user, client, s -> s.disconnect(disconnect));
  }

  private void forEach(String user, String client, Consumer<ClientSession> action) {
    Set<ClientSession> sessions = byUser.get(user);
    if (sessions == null) {
      return;
    }
    for (ClientSession s : sessions) {
      if (client == null || client.equals(s.id())) {
        s.loop().execute(() -> action.accept(s));
      }
    }
  }

  /**
   * Closes every connected session with {@code disconnect} (at shutdown).
   *
   * @return completes once every session's disconnect ran on its loop
   */
  CompletableFuture<Void> disconnectAll(Disconnect disconnect) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (ClientSession s : sessions()) {
      CompletableFuture<Void> one = new CompletableFuture<>();
      done.add(one);
      s.loop().execute(() -> {
        try {
          s.disconnect(disconnect);
        } finally {
          one.complete(null);
        }
      });
    }
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
  }

  /** Every registered session (a snapshot). */
  List<ClientSession> sessions() {
    List<ClientSession> out = new ArrayList<>();
    byUser.values().forEach(out::addAll);
    return out;
  }

  /** Bytes queued on every registered session's connection; walks them all. */
  long queuedBytes() {
    long total = 0;
    for (Set<ClientSession> set : byUser.values()) {
      for (ClientSession s : set) {
        total += s.queuedBytes();
      }
    }
    return total;
  }

  /** Registered sessions. */
  int clientCount() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }

  /** Users with a registered session ({@code ""}, anonymous, counts as one). */
  int userCount() {
    return byUser.size();
  }
}
