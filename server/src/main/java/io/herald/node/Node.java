package io.herald.node;

import io.herald.Version;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.node.command.Result;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Herald node: its sessions, channels and fan-out. Transport-agnostic: transports open
 * sessions with {@link #open}; the server API and ingestion call {@link #publish} and the
 * user-targeted methods. Thread-safe; no method blocks.
 */
public final class Node implements BrokerEventHandler {

  private final HeraldConfig config;
  private final Namespaces namespaces;
  private final TokenVerifier verifier;
  private final Broker broker;
  private final ProtocolEncoder encoder;
  private final Clock clock;
  private final Hub hub = new Hub();
  private final Map<String, Set<ClientSession>> usersToSessions = new ConcurrentHashMap<>();
  private final String uid = UUID.randomUUID().toString();
  private final String name;
  private final long startedAt;

  /**
   * Creates the node and starts {@code broker} with it as handler.
   *
   * @param name node name shown by {@code info}
   */
  public Node(
      HeraldConfig config,
      TokenVerifier verifier,
      Broker broker,
      ProtocolEncoder encoder,
      Clock clock,
      String name) {
    this.config = config;
    this.namespaces = new Namespaces(config.defaultNamespace(), config.namespaces());
    this.verifier = verifier;
    this.broker = broker;
    this.encoder = encoder;
    this.clock = clock;
    this.name = name;
    this.startedAt = clock.millis();
    broker.start(this);
  }

  /**
   * Opens a session for a new connection; call on the transport's loop. The session closes the
   * connection unless {@code connect} arrives within {@code client.connectTimeout}.
   */
  public ClientSession open(Transport transport) {
    ClientSession session = new ClientSession(this, transport, UUID.randomUUID().toString());
    session.start();
    return session;
  }

  /**
   * Publishes {@code data} (raw JSON) to {@code channel} as the server.
   *
   * @throws RpcException 107 for a bad channel name, 102 for an unknown namespace
   */
  public CompletionStage<Result> publish(String channel, byte[] data) {
    return publish(ChannelName.parse(channel), data, null);
  }

  CompletionStage<Result> publish(ChannelName channel, byte[] data, ClientInfo info) {
    namespaces.of(channel);
    return broker
        .publish(channel.full(), new Publication(0, data, info))
        .thenApply(ignored -> Result.Empty.INSTANCE);
  }

  @Override
  public void onPublication(String channel, Publication publication) {
    if (hub.has(channel)) {
      hub.fanOut(channel, encoder.publication(channel, publication));
    }
  }

  /**
   * Subscribes every connection of {@code user} on this node to {@code channel}, server-side
   * (no permission check; the client gets a {@code subscribe} notification).
   *
   * @throws RpcException 107 or 102 when the channel is not valid
   */
  public void subscribeUser(String user, String channel) {
    ChannelName parsed = ChannelName.parse(channel);
    namespaces.of(parsed);
    forEachSession(user, null, s -> s.serverSubscribe(parsed));
  }

  /** Unsubscribes every connection of {@code user} on this node from {@code channel}. */
  public void unsubscribeUser(String user, String channel) {
    forEachSession(user, null, s -> s.serverUnsubscribe(channel, Unsubscribe.SERVER));
  }

  /**
   * Disconnects the connections of {@code user} on this node, or only the one with id {@code
   * client} when it is not null.
   */
  public void disconnectUser(String user, String client, Disconnect disconnect) {
    forEachSession(user, client, s -> s.disconnect(disconnect));
  }

  /**
   * Closes every connected session with {@code disconnect} (at shutdown).
   *
   * @return completes once every session's disconnect ran on its loop (the notification and
   *     close frame are written by then)
   */
  public CompletableFuture<Void> disconnectAll(Disconnect disconnect) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    usersToSessions.values().forEach(set -> set.forEach(s -> {
      CompletableFuture<Void> one = new CompletableFuture<>();
      done.add(one);
      s.loop().execute(() -> {
        try {
          s.disconnect(disconnect);
        } finally {
          one.complete(null);
        }
      });
    }));
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
  }

  private void forEachSession(
      String user, String client, java.util.function.Consumer<ClientSession> action) {
    Set<ClientSession> sessions = usersToSessions.get(user);
    if (sessions == null) {
      return;
    }
    for (ClientSession s : sessions) {
      if (client == null || client.equals(s.id())) {
        s.loop().execute(() -> action.accept(s));
      }
    }
  }

  /** Channels with subscribers on this node and their subscriber counts. */
  public Map<String, Integer> channels() {
    return hub.counts();
  }

  /** This node's counters. */
  public NodeInfo info() {
    int clients = usersToSessions.values().stream().mapToInt(Set::size).sum();
    return new NodeInfo(
        uid,
        name,
        Version.get(),
        clients,
        usersToSessions.size(),
        hub.channelCount(),
        (clock.millis() - startedAt) / 1000);
  }

  void registered(ClientSession session) {
    usersToSessions.compute(session.user(), (u, set) -> {
      Set<ClientSession> sessions = set == null ? ConcurrentHashMap.newKeySet() : set;
      sessions.add(session);
      return sessions;
    });
  }

  void unregistered(ClientSession session) {
    usersToSessions.computeIfPresent(
        session.user(),
        (u, set) -> {
          set.remove(session);
          return set.isEmpty() ? null : set;
        });
  }

  /** Adds a subscriber; completes once the broker delivers the channel to this node. */
  CompletionStage<Void> addSubscriber(String channel, ClientSession session) {
    if (hub.add(channel, session)) {
      return broker.subscribe(channel);
    }
    return CompletableFuture.completedFuture(null);
  }

  void removeSubscriber(String channel, ClientSession session) {
    if (hub.remove(channel, session)) {
      broker.unsubscribe(channel);
    }
  }

  HeraldConfig config() {
    return config;
  }

  Namespaces namespaces() {
    return namespaces;
  }

  TokenVerifier verifier() {
    return verifier;
  }

  ProtocolEncoder encoder() {
    return encoder;
  }

  Clock clock() {
    return clock;
  }
}
