package io.herald.node;

import io.herald.Version;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.Engine;
import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import io.herald.engine.HistoryQuery;
import io.herald.engine.NodeInfo;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcException;
import io.herald.node.protocol.Transport;
import io.herald.node.proxy.BackendProxy;
import io.herald.node.proxy.BoundedBackendProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * One Herald node, as the server, the HTTP API, ingestion, the admin UI and protocol adapters see
 * it: open sessions ({@link #open}), publish, read history and presence, act on a user's
 * connections across the cluster, count, reload. The work is done by the node's parts, which a
 * session sees only through its narrow context: {@link Channels} (channel state and fan-out),
 * {@link ChannelReads}, {@link SessionRegistry} (sessions by user) and {@link ClusterControl}.
 * Thread-safe; no method blocks.
 */
public final class Node {

  /** How often {@link #announce} should run: every node of a cluster uses the same. */
  public static final Duration ANNOUNCE_INTERVAL = ClusterNodes.ANNOUNCE_INTERVAL;

  private final SessionContext context;
  private final Engine engine;
  private final Protocol protocol;
  private final ClusterControl control;
  private final Set<String> handshakeHeaders;
  private final String uid = UUID.randomUUID().toString();
  private final String name;
  private final long startedAt;
  private volatile boolean draining;

  /** A node reporting to no metrics and without a backend proxy; see the full constructor. */
  public Node(HeraldConfig config, TokenVerifier verifier, Engine engine, Protocol protocol,
      Clock clock, String name) {
    this(config, verifier, engine, protocol, clock, name, NodeMetrics.NONE, BackendProxy.NONE);
  }

  /**
   * Creates the node and starts {@code engine}'s broker with its channels as event handler.
   *
   * @param protocol what {@link #open(Transport)} sessions speak (JSON-RPC in production)
   * @param name node name shown by {@code info}
   * @param metrics where sessions, commands and deliveries are reported
   * @param proxy the application's backend for the endpoints configured under {@code proxy}
   */
  public Node(HeraldConfig config, TokenVerifier verifier, Engine engine, Protocol protocol,
      Clock clock, String name, NodeMetrics metrics, BackendProxy proxy) {
    this.context = new SessionContext(config, verifier, engine, clock,
        BoundedBackendProxy.wrap(proxy, config.proxy().maxInFlight()), metrics);
    this.engine = engine;
    this.protocol = protocol;
    this.name = name;
    this.startedAt = clock.millis();
    this.handshakeHeaders = HandshakeHeaders.wanted(config.proxy());
    context.protocols().indexOf(protocol);
    this.control = new ClusterControl(engine.broker(), context.registry(), uid, clock,
        this::announce);
    context.channels().onControlMessages(control::receive);
    engine.broker().start(context.channels());
  }

  /** Opens a session speaking {@link #protocol()}; see {@link #open(Transport, Protocol)}. */
  public ClientSession open(Transport transport) {
    return open(transport, protocol);
  }

  /**
   * Opens a session speaking {@code protocol} for a new connection; call on the transport's
   * loop. This is how a protocol adapter starts its sessions (see {@link Protocol}); the session
   * closes the connection unless a connect command arrives within {@code client.connectTimeout},
   * and at once (3001) while the node drains.
   */
  public ClientSession open(Transport transport, Protocol protocol) {
    ClientSession session = new ClientSession(context, transport, protocol,
        context.protocols().indexOf(protocol), ClientIds.next());
    session.start();
    if (draining) {
      session.disconnect(Disconnect.SHUTDOWN);
    }
    return session;
  }

  /**
   * Opens a session its protocol adapter drives itself ({@link DrivenSession}), connected at once
   * as {@code user} (Pusher authorizes with its own signatures). Call on the transport's loop.
   *
   * @param id the session's client id, unique in the cluster (the adapter's own format)
   * @param user the user ({@code ""}: anonymous); {@code client.userConnectionLimit} applies
   */
  public DrivenSession openDriven(Transport transport, Protocol protocol, String id, String user) {
    return DrivenSession.open(context, transport, protocol, id, user, draining);
  }

  /** The protocol sessions opened with {@link #open(Transport)} speak (the fallbacks' too). */
  public Protocol protocol() {
    return protocol;
  }

  /** Makes {@code listener} the one that hears this node's {@link NodeEvents}; replaces any. */
  public void listen(NodeEvents listener) {
    context.listen(listener);
  }

  /** From now on every new session is closed at once with 3001 (shutdown). Irreversible. */
  public void stopAccepting() {
    draining = true;
  }

  /** Publishes {@code data} (raw JSON) to {@code channel} as the server, with no key. */
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
    return publish(channel, data, idempotencyKey, null, null);
  }

  /**
   * Publishes {@code data} (raw JSON) to {@code channel} with an event name (Pusher's {@code
   * event}, the API's {@code publish} with {@code event}).
   *
   * @param event the event name, or null for none
   * @param info whom to attribute the publication to (a protocol adapter publishing for one of its
   *     connections, or naming a connection to leave out); null: the server
   * @throws RpcException as {@link #publish(String, byte[], String)}
   */
  public CompletionStage<Result> publish(
      String channel, byte[] data, String idempotencyKey, String event, ClientInfo info) {
    return context.channels().publish(ChannelName.parse(channel), data, info, idempotencyKey,
        event);
  }

  /**
   * The longest {@code idempotencyKey} a publish to {@code channel} may carry, in UTF-8 bytes: its
   * namespace's {@code maxIdempotencyKeySize}.
   *
   * @throws RpcException 107 for a bad channel name, 102 for an unknown namespace
   */
  public int maxIdempotencyKeySize(String channel) {
    return context.namespaces().of(ChannelName.parse(channel)).maxIdempotencyKeySize();
  }

  /**
   * Reads {@code channel}'s history (the namespace decides the options): 107, 102, 108 without
   * history; the stage fails with 112 when {@code query.since()} names another epoch.
   */
  public CompletionStage<Result.History> history(String channel, HistoryQuery query) {
    return context.reads().history(ChannelName.parse(channel), query);
  }

  /** Removes {@code channel}'s publications (epoch and top offset stay); 107, 102, 108. */
  public CompletionStage<Void> removeHistory(String channel) {
    return context.reads().removeHistory(ChannelName.parse(channel));
  }

  /** Who is subscribed to {@code channel}, cluster-wide; 107, 102, or 108 without presence. */
  public CompletionStage<Result.Presence> presence(String channel) {
    return context.reads().presence(ChannelName.parse(channel));
  }

  /** Counts of who is subscribed to {@code channel}; errors as {@link #presence(String)}. */
  public CompletionStage<Result.PresenceStats> presenceStats(String channel) {
    return context.reads().presenceStats(ChannelName.parse(channel));
  }

  /**
   * Subscribes {@code user}'s connections on every node to {@code channel}, server-side (no
   * permission check); completes once the broker has the command. 107 or 102 for a bad channel.
   */
  public CompletionStage<Void> subscribeUser(String user, String channel) {
    context.namespaces().of(ChannelName.parse(channel));
    return control.send(new ControlMessage.Subscribe(user, channel));
  }

  /** Unsubscribes {@code user}'s connections, on every node, from {@code channel}. */
  public CompletionStage<Void> unsubscribeUser(String user, String channel) {
    return control.send(new ControlMessage.Unsubscribe(user, channel));
  }

  /** Disconnects {@code user}'s connections on every node, or only {@code client} when set. */
  public CompletionStage<Void> disconnectUser(String user, String client, Disconnect disconnect) {
    return control.send(
        new ControlMessage.Disconnect(user, client, disconnect.code(), disconnect.reason()));
  }

  /** Tells the cluster this node is alive (every {@link #ANNOUNCE_INTERVAL}; 3 missed: gone). */
  public CompletionStage<Void> announce() {
    return control.send(new ControlMessage.NodeAlive(info()));
  }

  /** Tells the cluster this node is leaving, so {@link #nodes} elsewhere forgets it at once. */
  public CompletionStage<Void> announceLeaving() {
    return control.send(new ControlMessage.NodeLeft(uid));
  }

  /** The first engine part (broker, history, presence) that is down, else UP; no I/O. */
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

  /** Sends {@code data} to {@code session} on node {@code node} (HTTP emulation, any node). */
  public CompletionStage<Void> sendSessionData(String node, String session, byte[] data) {
    return control.send(new ControlMessage.SessionData(node, session, data));
  }

  /**
   * Tells every node, this one included, that this node's emulated session {@code session} ended,
   * so that they answer client data for it without routing it here.
   */
  public CompletionStage<Void> announceSessionEnded(String session) {
    return control.send(new ControlMessage.SessionEnded(session));
  }

  /** Where the ids of {@link #announceSessionEnded} go, from every node; replaces any. */
  public void onSessionEnded(java.util.function.Consumer<String> receiver) {
    control.onSessionEnded(receiver);
  }

  /** Where {@link #sendSessionData} data for this node's sessions goes; replaces any. */
  public void onSessionData(BiConsumer<String, byte[]> receiver) {
    control.onSessionData(receiver);
  }

  /** This node process's unique id (also {@code info().uid()}). */
  public String uid() {
    return uid;
  }

  /** Closes every connected session (shutdown); completes once each ran on its loop. */
  public CompletableFuture<Void> disconnectAll(Disconnect disconnect) {
    return context.registry().disconnectAll(disconnect);
  }

  /** Every session that completed {@code connect} and is not closed yet (a snapshot). */
  public List<ClientSession> sessions() {
    return context.registry().sessions();
  }

  /** Subscriptions of sessions on this node (one per session and channel). */
  public long subscriptionCount() {
    return context.channels().subscriptionCount();
  }

  /** Bytes queued on every connection of this node; walks every session (for a scrape). */
  public long queuedBytes() {
    return context.registry().queuedBytes();
  }

  /** Applies a reloaded config (keys, namespaces); returns the replaced verifier. */
  public TokenVerifier reload(HeraldConfig newConfig, TokenVerifier newVerifier) {
    return context.reload(newConfig, newVerifier);
  }

  /** Where this node reports sessions, commands and deliveries. */
  public NodeMetrics metrics() {
    return context.metrics();
  }

  /** Channels with subscribers on this node and their subscriber counts. */
  public Map<String, Integer> channels() {
    return context.channels().counts();
  }

  /** This node's counters. */
  public NodeInfo info() {
    SessionRegistry registry = context.registry();
    return new NodeInfo(uid, name, Version.get(), registry.clientCount(), registry.userCount(),
        context.channels().channelCount(), (context.clock().millis() - startedAt) / 1000);
  }

  /** Lower-case names of the handshake headers transports keep for the backend proxies. */
  public Set<String> handshakeHeaders() {
    return handshakeHeaders;
  }

  /** For tests of the node's internals: the broker's event handler. */
  Channels brokerHandler() {
    return context.channels();
  }
}
