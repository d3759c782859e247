package io.herald.node;

import io.herald.node.protocol.Transport;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Unsubscribe;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.node.protocol.Protocol;

import io.herald.Version;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.NodeInfo;
import io.herald.engine.Engine;
import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.PublishOptions;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import io.herald.node.proxy.BackendProxy;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.SubscribeCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One Herald node: its sessions, channels and fan-out. Transport-agnostic: transports open
 * sessions with {@link #open}; the server API and ingestion call {@link #publish} and the
 * user-targeted methods. Thread-safe; no method blocks.
 */
public final class Node implements BrokerEventHandler {

  /** How often {@link #announce} should run: every node of a cluster uses the same. */
  public static final Duration ANNOUNCE_INTERVAL = ClusterNodes.ANNOUNCE_INTERVAL;

  private volatile HeraldConfig config;
  private volatile Namespaces namespaces;
  private volatile TokenVerifier verifier;
  private final NodeMetrics metrics;
  private volatile boolean draining;
  private final Engine engine;
  private final Broker broker;
  private final Protocol protocol;
  private final Protocols protocols = new Protocols();
  private final Clock clock;
  private final BackendProxy proxy;
  private final Set<String> handshakeHeaders;
  private final Hub hub = new Hub();
  private final ClusterControl control;
  private final Map<String, Set<ClientSession>> usersToSessions = new ConcurrentHashMap<>();
  private final String uid = UUID.randomUUID().toString();
  private volatile NodeEvents events = NodeEvents.NONE;
  private final String name;
  private final long startedAt;

  /**
   * Creates the node, reporting to no metrics and without a backend proxy, and starts {@code
   * engine}'s broker with it as handler.
   *
   * @param name node name shown by {@code info}
   */
  public Node(
      HeraldConfig config,
      TokenVerifier verifier,
      Engine engine,
      Protocol protocol,
      Clock clock,
      String name) {
    this(config, verifier, engine, protocol, clock, name, NodeMetrics.NONE, BackendProxy.NONE);
  }

  /**
   * Creates the node and starts {@code engine}'s broker with it as handler.
   *
   * @param protocol what {@link #open(Transport)} sessions speak (JSON-RPC in production)
   * @param name node name shown by {@code info}
   * @param metrics where sessions, commands and deliveries are reported
   * @param proxy the application's backend for the endpoints configured under {@code proxy}
   */
  public Node(
      HeraldConfig config,
      TokenVerifier verifier,
      Engine engine,
      Protocol protocol,
      Clock clock,
      String name,
      NodeMetrics metrics,
      BackendProxy proxy) {
    this.metrics = metrics;
    this.config = config;
    this.proxy = io.herald.node.proxy.BoundedBackendProxy.wrap(proxy, config.proxy().maxInFlight());
    this.handshakeHeaders = HandshakeHeaders.wanted(config.proxy());
    this.namespaces = new Namespaces(config.defaultNamespace(), config.namespaces());
    this.verifier = verifier;
    this.engine = engine;
    this.broker = engine.broker();
    this.protocol = protocol;
    protocols.indexOf(protocol);
    this.clock = clock;
    this.name = name;
    this.startedAt = clock.millis();
    this.control = new ClusterControl(this, broker);
    broker.start(this);
  }

  /**
   * Opens a session for a new connection; call on the transport's loop. The session closes the
   * connection unless {@code connect} arrives within {@code client.connectTimeout}.
   */
  public ClientSession open(Transport transport) {
    return open(transport, protocol);
  }

  /**
   * Opens a session speaking {@code protocol} for a new connection; call on the transport's
   * loop. This is how a protocol adapter starts its sessions (see {@link Protocol}); the session
   * closes the connection unless a connect command arrives within {@code client.connectTimeout}.
   */
  public ClientSession open(Transport transport, Protocol protocol) {
    ClientSession session = new ClientSession(this, transport, protocol,
        protocols.indexOf(protocol), UUID.randomUUID().toString());
    session.start();
    if (draining) {
      session.disconnect(Disconnect.SHUTDOWN);
    }
    return session;
  }

  /**
   * Opens a session that its protocol adapter drives itself ({@link DrivenSession}), connected at
   * once as {@code user}: for protocols that authenticate and authorize on their own (Pusher's
   * signatures) rather than with Herald's tokens. Call on the transport's loop.
   *
   * @param id the session's client id, unique in the cluster (the adapter's own format)
   * @param user the user ({@code ""}: anonymous); {@code client.userConnectionLimit} applies
   */
  public DrivenSession openDriven(Transport transport, Protocol protocol, String id, String user) {
    ClientSession session =
        new ClientSession(this, transport, protocol, protocols.indexOf(protocol), id);
    session.start();
    if (draining) {
      session.disconnect(Disconnect.SHUTDOWN);
    } else if (!session.connected(user, null, null)) {
      session.disconnect(Disconnect.CONNECTION_LIMIT);
    }
    return new DrivenSession(session);
  }

  /** The protocol sessions opened with {@link #open(Transport)} speak (the fallbacks' too). */
  public Protocol protocol() {
    return protocol;
  }

  /** Makes {@code listener} the one that hears this node's {@link NodeEvents}; replaces any. */
  public void listen(NodeEvents listener) {
    this.events = listener == null ? NodeEvents.NONE : listener;
  }

  /** Tells the listener a client of this node published (see {@link NodeEvents}). */
  void clientPublished(String channel, ClientInfo info, byte[] data) {
    emit(e -> e.clientPublished(channel, info, data));
  }

  private void emit(java.util.function.Consumer<NodeEvents> event) {
    try {
      event.accept(events);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Node.class).warn("node event listener failed", e);
    }
  }

  /**
   * From now on every new session is closed at once with 3001 (shutdown): the node is draining
   * and its clients should reconnect elsewhere. Irreversible.
   */
  public void stopAccepting() {
    draining = true;
  }

  /** Publishes {@code data} (raw JSON) to {@code channel} as the server, without idempotency key. */
  public CompletionStage<Result> publish(String channel, byte[] data) {
    return publish(channel, data, null);
  }

  /**
   * Publishes {@code data} (raw JSON) to {@code channel} as the server.
   *
   * @param idempotencyKey makes a repeat within the namespace's {@code idempotencyWindow} deliver
   *     nothing and return the first result; null for none
   * @return {@link Result.Publish} with the channel's position, or {@link Result.Empty} when the
   *     channel keeps no history
   * @throws RpcException 107 for a bad channel name, 102 for an unknown namespace
   */
  public CompletionStage<Result> publish(String channel, byte[] data, String idempotencyKey) {
    return publish(ChannelName.parse(channel), data, null, idempotencyKey);
  }

  /**
   * Publishes {@code data} (raw JSON) to {@code channel} with an event name, for protocols whose
   * messages carry one (Pusher's {@code event}) and for the API's {@code publish} with {@code
   * event}.
   *
   * @param event the event name, or null for none
   * @param info whom to attribute the publication to (a protocol adapter publishing for one of its
   *     connections, or naming a connection to leave out); null: the server
   * @throws RpcException as {@link #publish(String, byte[], String)}
   */
  public CompletionStage<Result> publish(
      String channel, byte[] data, String idempotencyKey, String event, ClientInfo info) {
    return publish(ChannelName.parse(channel), data, info, idempotencyKey, event);
  }

  CompletionStage<Result> publish(
      ChannelName channel, byte[] data, ClientInfo info, String idempotencyKey) {
    return publish(channel, data, info, idempotencyKey, null);
  }

  private CompletionStage<Result> publish(ChannelName channel, byte[] data, ClientInfo info,
      String idempotencyKey, String event) {
    NamespaceConfig ns = namespaces.of(channel);
    metrics.published(channel.namespace());
    PublishOptions options = new PublishOptions(historyOptions(ns),
        IdempotencyKeys.scoped(idempotencyKey, info), ns.idempotencyWindow());
    return broker
        .publish(channel.full(), new Publication(0, data, info, "", event), options)
        .handle((position, error) -> {
          if (error != null) {
            throw new RpcException(RpcError.NOT_AVAILABLE.withMessage(
                "not available: the publication could not be stored or sent"));
          }
          return position.isNone() ? Result.Empty.INSTANCE : new Result.Publish(position);
        });
  }

  /**
   * Reads {@code channel}'s history. {@code query.options()} is ignored: the channel's namespace
   * decides them.
   *
   * @throws RpcException 107, 102, or 108 when the namespace keeps no history; the stage fails
   *     with 112 when {@code query.since()} names another epoch
   */
  public CompletionStage<Result.History> history(String channel, HistoryQuery query) {
    return history(ChannelName.parse(channel), query);
  }

  CompletionStage<Result.History> history(ChannelName channel, HistoryQuery query) {
    NamespaceConfig ns = namespaces.of(channel);
    if (!ns.keepsHistory()) {
      throw RpcError.NOT_AVAILABLE
          .withMessage("not available: namespace keeps no history").exception();
    }
    HistoryQuery withOptions =
        new HistoryQuery(query.since(), query.limit(), query.reverse(), readOptions(ns));
    return engine.history().history(channel.full(), withOptions).thenApply(page -> {
      StreamPosition since = query.since();
      if (since != null && !since.epoch().equals(page.position().epoch())) {
        throw RpcError.UNRECOVERABLE_POSITION.withMessage(
            "unrecoverable position: epoch " + since.epoch() + " is not the stream's").exception();
      }
      return new Result.History(page.publications(), page.position());
    });
  }

  /**
   * Removes {@code channel}'s publications (its epoch and top offset stay).
   *
   * @throws RpcException 107, 102, or 108 when the namespace keeps no history
   */
  public CompletionStage<Void> removeHistory(String channel) {
    ChannelName parsed = ChannelName.parse(channel);
    if (!namespaces.of(parsed).keepsHistory()) {
      throw RpcError.NOT_AVAILABLE
          .withMessage("not available: namespace keeps no history").exception();
    }
    return engine.history().removeHistory(parsed.full());
  }

  /**
   * Who is subscribed to {@code channel}, across the cluster.
   *
   * @throws RpcException 107, 102, or 108 when the namespace keeps no presence
   */
  public CompletionStage<Result.Presence> presence(String channel) {
    return presence(ChannelName.parse(channel));
  }

  CompletionStage<Result.Presence> presence(ChannelName channel) {
    withPresence(channel);
    return engine.presence().presence(channel.full()).thenApply(Result.Presence::new);
  }

  /** Counts of who is subscribed to {@code channel}; errors as {@link #presence(String)}. */
  public CompletionStage<Result.PresenceStats> presenceStats(String channel) {
    return presenceStats(ChannelName.parse(channel));
  }

  CompletionStage<Result.PresenceStats> presenceStats(ChannelName channel) {
    withPresence(channel);
    return engine.presence().stats(channel.full())
        .thenApply(s -> new Result.PresenceStats(s.numClients(), s.numUsers()));
  }

  private void withPresence(ChannelName channel) {
    if (!namespaces.of(channel).presence()) {
      throw RpcError.NOT_AVAILABLE
          .withMessage("not available: namespace keeps no presence").exception();
    }
  }

  /** The history options of {@code ns}. */
  static HistoryOptions historyOptions(NamespaceConfig ns) {
    return ns.keepsHistory()
        ? new HistoryOptions(ns.historySize(), ns.historyTtl(), ns.historyMetaTtl())
        : HistoryOptions.NONE;
  }

  /**
   * How long stream meta that a read creates lives (a read of a channel never published to:
   * subscribe, history): a minute, not {@code historyMetaTtl}, so readers looping over made-up
   * channel names leave nothing lasting in the engine. A publication gives the stream its full
   * meta TTL. A subscriber that stayed on such a stream longer than this sees the first
   * publication start a new epoch, and is unsubscribed with 2500 to resubscribe, as for any
   * lost stream: never silently.
   */
  static final java.time.Duration READ_META_TTL = java.time.Duration.ofMinutes(1);

  /** {@link #historyOptions} for a read: meta a read creates lives {@link #READ_META_TTL}. */
  static HistoryOptions readOptions(NamespaceConfig ns) {
    HistoryOptions options = historyOptions(ns);
    return options.metaTtl().compareTo(READ_META_TTL) <= 0 ? options
        : new HistoryOptions(options.size(), options.ttl(), READ_META_TTL);
  }

  @Override
  public void onPublication(String channel, Publication publication) {
    if (hub.has(channel)) {
      long receivedAt = System.nanoTime();
      hub.fanOut(
          channel,
          publication,
          new Encoded(protocols, e -> e.publication(channel, publication)),
          metrics,
          namespaces.label(channel),
          receivedAt);
    }
  }

  @Override
  public void onPositionCheck(String channel, StreamPosition position) {
    hub.checkPosition(channel, position);
  }

  @Override
  public void onJoin(String channel, ClientInfo info) {
    if (hub.has(channel)) {
      hub.fanOutJoinLeave(channel, new Encoded(protocols, e -> e.join(channel, info)), info, true);
    }
  }

  @Override
  public void onLeave(String channel, ClientInfo info) {
    if (hub.has(channel)) {
      hub.fanOutJoinLeave(channel, new Encoded(protocols, e -> e.leave(channel, info)), info,
          false);
    }
  }

  /**
   * Subscribes every connection of {@code user}, on every node of the cluster, to {@code
   * channel}, server-side (no permission check; the client gets a {@code subscribe}
   * notification).
   *
   * @return completes once the broker handed the command to the cluster
   * @throws RpcException 107 or 102 when the channel is not valid
   */
  public CompletionStage<Void> subscribeUser(String user, String channel) {
    namespaces.of(ChannelName.parse(channel));
    return control.send(new ControlMessage.Subscribe(user, channel));
  }

  /** Unsubscribes every connection of {@code user}, on every node, from {@code channel}. */
  public CompletionStage<Void> unsubscribeUser(String user, String channel) {
    return control.send(new ControlMessage.Unsubscribe(user, channel));
  }

  /**
   * Disconnects the connections of {@code user} on every node, or only the one with id {@code
   * client} when it is not null.
   */
  public CompletionStage<Void> disconnectUser(String user, String client, Disconnect disconnect) {
    return control.send(
        new ControlMessage.Disconnect(user, client, disconnect.code(), disconnect.reason()));
  }

  void subscribeHere(String user, String channel) {
    ChannelName parsed = ChannelName.parse(channel);
    namespaces.of(parsed);
    forEachSession(user, null, s -> s.serverSubscribe(parsed));
  }

  void unsubscribeHere(String user, String channel) {
    forEachSession(user, null, s -> s.serverUnsubscribe(channel, Unsubscribe.SERVER));
  }

  void disconnectHere(String user, String client, Disconnect disconnect) {
    forEachSession(user, client, s -> s.disconnect(disconnect));
  }

  /**
   * Tells the cluster this node is alive, with its counters; the server calls it every {@link
   * #ANNOUNCE_INTERVAL}. Nodes not heard from for three intervals drop out of {@link #nodes}.
   */
  public CompletionStage<Void> announce() {
    return control.send(new ControlMessage.NodeAlive(info()));
  }

  /** Tells the cluster this node is leaving, so {@link #nodes} elsewhere forgets it at once. */
  public CompletionStage<Void> announceLeaving() {
    return control.send(new ControlMessage.NodeLeft(uid));
  }

  /**
   * Whether this node's engine can reach its backing services (Redis), as last seen: the first
   * part (broker, history, presence) that is down, else {@link Health#UP}. No I/O.
   */
  public Health engineHealth() {
    for (Object part : List.of(engine.broker(), engine.history(), engine.presence())) {
      Health h = HealthCheck.of(part);
      if (!h.up()) {
        return h;
      }
    }
    return Health.UP;
  }

  /** This node's counters, then those of every other live node of the cluster, by name. */
  public List<NodeInfo> nodes() {
    return control.nodes(info());
  }

  /**
   * Sends a client's {@code data} to session {@code session} on node {@code node}, through the
   * cluster: for transports whose client requests may reach any node (HTTP emulation). The
   * receiving node hands it to its {@link #onSessionData} receiver.
   */
  public CompletionStage<Void> sendSessionData(String node, String session, byte[] data) {
    return control.send(new ControlMessage.SessionData(node, session, data));
  }

  /**
   * Where data that {@link #sendSessionData} addressed to one of this node's sessions goes, as
   * {@code (session id, data)}; called on the broker's threads. Replaces the previous receiver.
   */
  public void onSessionData(BiConsumer<String, byte[]> receiver) {
    control.onSessionData(receiver);
  }

  /** This node process's unique id (also {@code info().uid()}). */
  public String uid() {
    return uid;
  }

  @Override
  public void onControl(ControlMessage message) {
    control.receive(message);
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

  /**
   * Every session that completed {@code connect} and is not closed yet (a snapshot), for
   * shutdown drains and monitoring.
   */
  public List<ClientSession> sessions() {
    List<ClientSession> out = new ArrayList<>();
    usersToSessions.values().forEach(out::addAll);
    return out;
  }

  /** Subscriptions of sessions on this node (one per session and channel). */
  public long subscriptionCount() {
    return hub.subscriptionCount();
  }

  /**
   * Bytes queued on every connection of this node and not sent yet. Walks every session: for a
   * scrape, not for a hot path.
   */
  public long queuedBytes() {
    long total = 0;
    for (Set<ClientSession> set : usersToSessions.values()) {
      for (ClientSession s : set) {
        total += s.queuedBytes();
      }
    }
    return total;
  }

  /**
   * Applies a reloaded config without dropping connections: token keys ({@code verifier}) and
   * namespace options take effect for the next command; sessions keep their per-connection
   * limits until they reconnect. The caller closes the previous verifier once it is replaced.
   *
   * @return the verifier that was replaced
   */
  public TokenVerifier reload(HeraldConfig newConfig, TokenVerifier newVerifier) {
    TokenVerifier old = this.verifier;
    this.namespaces = new Namespaces(newConfig.defaultNamespace(), newConfig.namespaces());
    this.verifier = newVerifier;
    this.config = newConfig;
    return old;
  }

  /** Where this node reports sessions, commands and deliveries. */
  public NodeMetrics metrics() {
    return metrics;
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

  /**
   * Counts {@code session} among its user's connections, unless the user already has {@code
   * client.userConnectionLimit} of them on this node (anonymous connections are not limited).
   * Atomic per user.
   *
   * @return false when the limit refused it
   */
  boolean register(ClientSession session) {
    int limit = config.client().userConnectionLimit();
    boolean[] added = {false};
    usersToSessions.compute(session.user(), (u, set) -> {
      Set<ClientSession> sessions = set == null ? ConcurrentHashMap.newKeySet() : set;
      if (limit <= 0 || u.isEmpty() || sessions.size() < limit) {
        sessions.add(session);
        added[0] = true;
        if (sessions.size() == 1) {
          emit(e -> e.userOnline(u));
        }
      }
      return sessions.isEmpty() ? null : sessions;
    });
    return added[0];
  }

  void unregistered(ClientSession session) {
    usersToSessions.computeIfPresent(
        session.user(),
        (u, set) -> {
          if (set.remove(session) && set.isEmpty()) {
            emit(e -> e.userOffline(u));
          }
          return set.isEmpty() ? null : set;
        });
  }

  /**
   * Adds a subscriber to the hub, then to presence; completes once the broker delivers the
   * channel to this node and the presence entry is stored. Call on the session's loop.
   */
  CompletionStage<Void> join(Subscription sub) {
    String channel = sub.channel().full();
    ClientInfo info = sub.clientInfo();
    CompletionStage<Void> delivered = hub.add(sub, () -> {
      emit(e -> e.channelOccupied(channel));
      return broker.subscribe(channel).handle((ok, error) -> {
        if (error != null) {
          org.slf4j.LoggerFactory.getLogger(Node.class)
              .warn("broker subscribe of {} failed: {}", channel, error.toString());
          throw new RpcException(RpcError.NOT_AVAILABLE.withMessage(
              "not available: the channel could not be subscribed; try again"));
        }
        return null;
      });
    });
    NamespaceConfig ns = sub.namespace();
    if (ns.presence()) {
      emit(e -> e.presenceJoined(channel, info));
    }
    // The session may close (or unsubscribe) while the broker confirms: then nothing may be
    // left behind. A step not started yet is skipped; one that raced the leave is undone.
    CompletionStage<Void> present = ns.presence()
        ? delivered.thenCompose(v -> sub.gone() ? DONE
            : engine.presence().add(channel, info, ns.presenceTtl()).thenCompose(x -> sub.gone()
                ? engine.presence().remove(channel, sub.session().id()) : DONE))
        : delivered;
    return ns.emitsJoinLeave()
        ? present.thenCompose(v -> sub.gone() ? DONE
            : broker.publishJoin(channel, info).thenCompose(x -> sub.gone()
                ? broker.publishLeave(channel, info) : DONE))
        : present;
  }

  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  /**
   * The subscribe result for {@code command} on {@code channel}: the current position, or the
   * outcome of the recovery it asks for ({@link Recovery}).
   */
  CompletionStage<Result.Subscribe> position(
      ChannelName channel, NamespaceConfig ns, SubscribeCommand command) {
    if (!ns.keepsHistory()) {
      return CompletableFuture.completedFuture(Result.Subscribe.PLAIN);
    }
    HistoryOptions options = readOptions(ns);
    if (!command.recover()) {
      return engine.history().history(channel.full(), HistoryQuery.position(options))
          .thenApply(page ->
              new Result.Subscribe(true, page.position(), false, false, List.of()));
    }
    StreamPosition since =
        new StreamPosition(command.offset(), command.epoch() == null ? "" : command.epoch());
    int limit = config.client().recoveryMaxPublicationLimit();
    return engine.history()
        .history(channel.full(), new HistoryQuery(since, limit + 1, false, options))
        .thenApply(page -> Recovery.result(since, page, limit));
  }

  /** Keeps {@code sub}'s presence entry alive. */
  void refreshPresence(Subscription sub) {
    engine.presence().add(sub.channel().full(), sub.clientInfo(), sub.namespace().presenceTtl());
  }

  /**
   * Removes a subscriber from the hub and presence and tells the channel it left. Call on the
   * session's loop; the subscription must already be out of the session's map.
   */
  void leave(Subscription sub) {
    sub.removed();
    String channel = sub.channel().full();
    hub.remove(sub, () -> {
      broker.unsubscribe(channel);
      emit(e -> e.channelVacated(channel));
    });
    NamespaceConfig ns = sub.namespace();
    if (ns.presence()) {
      engine.presence().remove(channel, sub.session().id());
      emit(e -> e.presenceLeft(channel, sub.clientInfo()));
    }
    if (ns.emitsJoinLeave()) {
      broker.publishLeave(channel, sub.clientInfo());
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

  Clock clock() {
    return clock;
  }

  BackendProxy proxy() {
    return proxy;
  }

  /**
   * Lower-case names of the handshake request headers a transport should keep for the backend
   * proxies ({@link Handshake#of}); empty when no proxy is configured.
   */
  public Set<String> handshakeHeaders() {
    return handshakeHeaders;
  }
}
