package io.herald.node;

import io.herald.auth.TokenVerifier;
import io.herald.config.ClientConfig;
import io.herald.config.HeraldConfig;
import io.herald.engine.Engine;
import io.herald.node.proxy.BackendProxy;
import io.herald.node.protocol.SessionLoop;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session and its command handlers may use, and nothing else of the node: the limits and
 * namespaces of the running config, the token verifier, the clock, the backend proxy, metrics,
 * the node's channels ({@link Channels}, {@link ChannelReads}) and its session registry. The
 * config, namespaces and verifier are swapped together on a reload ({@link #reload}); a command
 * reads them once. Thread-safe.
 */
final class SessionContext {

  private static final Logger log = LoggerFactory.getLogger(SessionContext.class);

  /** The parts a reload replaces, swapped as one. */
  private record Settings(HeraldConfig config, Namespaces namespaces, TokenVerifier verifier) {}

  private volatile Settings settings;
  private volatile NodeEvents events = NodeEvents.NONE;
  private final Clock clock;
  private final BackendProxy proxy;
  private final NodeMetrics metrics;
  private final Protocols protocols = new Protocols();
  private final SessionRegistry registry;
  private final Channels channels;
  private final ChannelReads reads;
  private final Map<SessionLoop, TimerWheel> wheels = new ConcurrentHashMap<>();

  SessionContext(HeraldConfig config, TokenVerifier verifier, Engine engine, Clock clock,
      BackendProxy proxy, NodeMetrics metrics) {
    this.settings = new Settings(config, namespacesOf(config), verifier);
    this.clock = clock;
    this.proxy = proxy;
    this.metrics = metrics;
    this.registry = new SessionRegistry(this);
    this.channels = new Channels(this, engine.broker(), engine.history(), engine.presence());
    this.reads = new ChannelReads(this, engine.history(), engine.presence());
  }

  private static Namespaces namespacesOf(HeraldConfig config) {
    return new Namespaces(config.defaultNamespace(), config.namespaces());
  }

  /**
   * Applies a reloaded config and verifier for the next command.
   *
   * @return the verifier replaced
   */
  TokenVerifier reload(HeraldConfig config, TokenVerifier verifier) {
    TokenVerifier old = settings.verifier();
    settings = new Settings(config, namespacesOf(config), verifier);
    return old;
  }

  HeraldConfig config() {
    return settings.config();
  }

  /** The per-connection limits ({@code client.*}). */
  ClientConfig limits() {
    return settings.config().client();
  }

  Namespaces namespaces() {
    return settings.namespaces();
  }

  TokenVerifier verifier() {
    return settings.verifier();
  }

  Clock clock() {
    return clock;
  }

  BackendProxy proxy() {
    return proxy;
  }

  NodeMetrics metrics() {
    return metrics;
  }

  Protocols protocols() {
    return protocols;
  }

  SessionRegistry registry() {
    return registry;
  }

  Channels channels() {
    return channels;
  }

  ChannelReads reads() {
    return reads;
  }

  /** The timer wheel of {@code loop} (one per loop, made on first use); use it on that loop. */
  TimerWheel timers(SessionLoop loop) {
    return wheels.computeIfAbsent(loop, TimerWheel::new);
  }

  void listen(NodeEvents listener) {
    this.events = listener == null ? NodeEvents.NONE : listener;
  }

  /** Tells the node's listener; a listener that throws is logged, never the caller's problem. */
  void emit(Consumer<NodeEvents> event) {
    try {
      event.accept(events);
    } catch (RuntimeException e) {
      log.warn("node event listener failed", e);
    }
  }
}
