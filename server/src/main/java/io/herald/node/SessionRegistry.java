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
 *
 * <p>A user's entry is the {@link ClientSession} itself while the user has one connection here
 * (most users), and a concurrent set of them only from the second: a set per user cost about 200
 * bytes per idle connection. Entries change only inside the map's {@code compute}; readers see
 * either a session or a set that is safe to iterate concurrently.
 */
final class SessionRegistry {

  private final SessionContext context;
  // User -> ClientSession (one connection) or Set<ClientSession> (two or more).
  private final Map<String, Object> byUser = new ConcurrentHashMap<>();

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
    byUser.compute(session.user(), (u, entry) -> {
      int count = count(entry);
      if (limit > 0 && !u.isEmpty() && count >= limit) {
        return entry;
      }
      added[0] = true;
      if (entry == null) {
        context.emit(e -> e.userOnline(u));
        return session;
      }
      if (entry instanceof ClientSession single) {
        if (single == session) {
          return single;
        }
        Set<ClientSession> sessions = ConcurrentHashMap.newKeySet(4);
        sessions.add(single);
        sessions.add(session);
        return sessions;
      }
      asSet(entry).add(session);
      return entry;
    });
    return added[0];
  }

  /** {@code session} closed after it had registered. */
  void unregistered(ClientSession session) {
    byUser.computeIfPresent(session.user(), (u, entry) -> {
      if (entry == session) {
        context.emit(e -> e.userOffline(u));
        return null;
      }
      if (entry instanceof ClientSession) {
        return entry;
      }
      Set<ClientSession> sessions = asSet(entry);
      sessions.remove(session);
      // Back to the session itself once one is left; the set is dropped.
      return sessions.size() == 1 ? sessions.iterator().next() : sessions;
    });
  }

  private static int count(Object entry) {
    return entry == null ? 0 : entry instanceof ClientSession ? 1 : asSet(entry).size();
  }

  @SuppressWarnings("unchecked")
  private static Set<ClientSession> asSet(Object entry) {
    return (Set<ClientSession>) entry;
  }

  /** Calls {@code action} with each session of {@code entry}. */
  private static void each(Object entry, Consumer<ClientSession> action) {
    if (entry instanceof ClientSession single) {
      action.accept(single);
    } else if (entry != null) {
      asSet(entry).forEach(action);
    }
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
    each(byUser.get(user), s -> {
      if (client == null || client.equals(s.id())) {
        s.loop().execute(() -> action.accept(s));
      }
    });
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
    byUser.values().forEach(entry -> each(entry, out::add));
    return out;
  }

  /** Bytes queued on every registered session's connection; walks them all. */
  long queuedBytes() {
    long[] total = {0};
    byUser.values().forEach(entry -> each(entry, s -> total[0] += s.queuedBytes()));
    return total[0];
  }

  /** Registered sessions. */
  int clientCount() {
    return byUser.values().stream().mapToInt(SessionRegistry::count).sum();
  }

  /** Users with a registered session ({@code ""}, anonymous, counts as one). */
  int userCount() {
    return byUser.size();
  }
}
