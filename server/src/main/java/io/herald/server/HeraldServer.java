package io.herald.server;

import io.herald.api.ApiService;
import io.herald.ingest.IngestMetrics;
import io.herald.ingest.Ingestion;
import io.herald.metrics.HeraldMetrics;
import io.herald.metrics.MeteredEngine;
import io.herald.metrics.MetricsEndpoint;
import io.herald.metrics.NettyMemoryGauges;
import io.herald.metrics.NodeGauges;
import io.herald.node.ClientSession;
import io.herald.ops.Readiness;
import io.herald.api.ApiRoutes;
import io.herald.pusher.PusherNamespaces;
import io.herald.pusher.PusherRoutes;
import io.herald.ops.OpsRoutes;
import io.herald.protocol.jsonrpc.JsonRpcProtocol;
import io.herald.protocol.uni.UniRoutes;
import io.herald.transport.ProtocolWebSocket;
import io.netty.buffer.ByteBufAllocator;
import io.herald.webhooks.Webhooks;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import io.herald.auth.RevokedUsers;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.engine.Engine;
import io.herald.node.protocol.Disconnect;
import io.herald.node.Node;
import io.herald.node.proxy.BackendProxy;
import io.herald.proxy.HttpBackendProxy;
import io.herald.transport.EventLoops;
import io.herald.transport.FallbackSessions;
import io.herald.transport.HeraldChannelInitializer;
import io.herald.transport.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Herald node: wires config, metrics, engine, node, API, the client listener and the
 * optional internal one ({@code internal.port}: metrics, health, readiness, admin) together,
 * binds the ports, reloads (SIGHUP) and shuts everything down in order: gracefully ({@link
 * #shutdownGracefully}, SIGTERM) or at once ({@link #close}). One per process in production;
 * tests start several on ephemeral ports. Thread-safe.
 */
public final class HeraldServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeraldServer.class);
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final Clock clock;
  private final Node node;
  private final Engine engine;
  private final HeraldMetrics metrics;
  private final MetricsEndpoint metricsEndpoint;
  private final Readiness readiness;
  private final AdminUi admin;
  private final NodeAnnouncer announcer;
  private final BackendProxy proxy;
  private final Ingestion ingestion;
  private final TlsContexts tls;
  private final FallbackSessions fallback;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;
  private final Channel internalListener;
  private final List<Consumer<HeraldConfig>> reloadHooks = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Webhooks webhooks;
  private volatile HeraldConfig config;
  private volatile TokenVerifier verifier;
  /** Users whose tokens are refused (admin logouts); kept across config reloads. */
  private final RevokedUsers revoked = new RevokedUsers();

  private HeraldServer(HeraldConfig given, Options options) throws InterruptedException {
    HeraldConfig config = PusherNamespaces.addTo(given);
    this.tls = TlsContexts.of(config.tls());
    this.config = given;
    this.clock = options.clock();
    PrometheusRegistry registry = new PrometheusRegistry();
    this.metrics = new HeraldMetrics(registry);
    this.engine = MeteredEngine.wrap(Engines.create(config, clock, options.name()), metrics);
    this.verifier = TokenVerifier.create(config.token(), clock, revoked);
    this.proxy = config.proxy().anyEnabled()
        ? new HttpBackendProxy(config.proxy(), metrics::proxyCall)
        : BackendProxy.NONE;
    this.node =
        new Node(config, verifier, engine, new JsonRpcProtocol(config.client()), clock, options.name(), metrics,
            proxy);
    this.announcer = new NodeAnnouncer(node);
    this.webhooks = WebhookWiring.start(config, node, registry, clock);
    this.fallback = config.fallback().enabled() ? new FallbackSessions(node, config) : null;
    Map<String, Object> engines = new LinkedHashMap<>();
    engines.put("broker", engine.broker());
    engines.put("history", engine.history());
    engines.put("presence", engine.presence());
    this.readiness = new Readiness(engines);
    NodeGauges.register(registry, node, () -> node.nodes().size(), readiness::ready);
    NettyMemoryGauges.register(registry, ByteBufAllocator.DEFAULT);
    this.metricsEndpoint = new MetricsEndpoint(registry);
    ApiService api = new ApiService(node, config.api().key());
    this.ingestion = new Ingestion(config.ingest(), api, ingestMetrics(metrics), options.name());
    this.admin = AdminUi.start(config, node, metrics, readiness, api, clock, revoked, webhooks);
    boolean internal = config.internal().enabled();
    PortRoutes routes = new PortRoutes(config,
        Map.of(JsonRpcProtocol.WEBSOCKET_PATH, new ProtocolWebSocket(node, node.protocol())),
        new ApiRoutes(api, config.api().maxBodySize()), ingestion.dapr(),
        BundledWebAssets.load(options.pageToken(), config.demo().enabled()),
        new OpsRoutes(metricsEndpoint, readiness, internal),
        admin == null ? null : admin.http(),
        PusherRoutes.create(node, config, clock, webhooks, this::onReload),
        new UniRoutes(node, config));
    this.boss = EventLoops.group(1);
    this.workers = EventLoops.group(options.workerThreads());
    this.listener = bind(
        HeraldChannelInitializer.builder(config, routes.client()).tls(tls).fallback(fallback)
            .build(),
        config.address(), config.port());
    log.info(
        "Herald listening on {}:{} ({} transport, {})",
        config.address(),
        port(),
        EventLoops.nativeEpoll() ? "epoll" : "nio",
        tls == null ? "plain HTTP" : "TLS with the " + TlsContexts.engine() + " engine");
    if (tls != null) {
      onReload(reloaded -> tls.reload());
    }
    if (internal) {
      String address =
          config.internal().address() == null ? config.address() : config.internal().address();
      this.internalListener = bind(
          HeraldChannelInitializer.builder(config, routes.internal()).build(),
          address, config.internal().port());
      log.info(
          "operations (/metrics, /health, /ready, /admin) on {}:{}", address, internalPort());
    } else {
      this.internalListener = null;
    }
    ingestion.start();
  }

  private static IngestMetrics ingestMetrics(HeraldMetrics metrics) {
    return new IngestMetrics() {
      @Override
      public void processed(String source) {
        metrics.ingested(source, false);
      }

      @Override
      public void failed(String source) {
        metrics.ingested(source, true);
      }

      @Override
      public void retried(String source) {
        metrics.ingestionRetried(source);
      }
    };
  }

  private Channel bind(HeraldChannelInitializer initializer, String address, int port)
      throws InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(EventLoops.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.RCVBUF_ALLOCATOR, EventLoops.receiveBuffers())
            .childHandler(initializer);
    return bootstrap.bind(new InetSocketAddress(address, port)).sync().channel();
  }

  /**
   * Starts a node and binds its port.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static HeraldServer start(HeraldConfig config, Options options) {
    try {
      return new HeraldServer(config, options);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    }
  }

  /** Starts a node with default options. */
  public static HeraldServer start(HeraldConfig config) {
    return start(config, Options.defaults());
  }

  /** The bound port (useful when the config asked for port 0). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The bound internal port, or -1 when operations are on the client port. */
  public int internalPort() {
    return internalListener == null
        ? -1
        : ((InetSocketAddress) internalListener.localAddress()).getPort();
  }

  /** The node, for embedding and tests. */
  public Node node() {
    return node;
  }

  /** Whether this node should get traffic ({@code GET /ready}). */
  public Readiness readiness() {
    return readiness;
  }

  /** The config running now (after reloads). */
  public HeraldConfig config() {
    return config;
  }


  /**
   * Runs {@code hook} with the merged config after every successful {@link #reload} (TLS
   * certificates will reload this way).
   */
  public void onReload(Consumer<HeraldConfig> hook) {
    reloadHooks.add(hook);
  }

  /**
   * Applies {@code fresh} without dropping connections: token keys and namespace options take
   * effect for the next command. Other sections keep their running values; a warning names those
   * that changed and need a restart.
   *
   * @return the top-level keys that changed but need a restart
   */
  public synchronized List<String> reload(HeraldConfig fresh) {
    ConfigReload.Result merged = ConfigReload.merge(config, fresh);
    TokenVerifier next = TokenVerifier.create(merged.config().token(), clock, revoked);
    TokenVerifier previous = node.reload(PusherNamespaces.addTo(merged.config()), next);
    this.verifier = next;
    this.config = merged.config();
    previous.close();
    reloadHooks.forEach(h -> h.accept(merged.config()));
    log.info("config reloaded: token keys and namespace options applied");
    if (!merged.needRestart().isEmpty()) {
      log.warn("config keys changed that need a restart to apply: {}", merged.needRestart());
    }
    return merged.needRestart();
  }

  /**
   * Reads the TLS certificate and key files again (on SIGHUP, with {@link #reload}): new
   * connections use them, open ones keep theirs.
   *
   * @return false when TLS is off or the new files cannot be used (the old ones stay)
   */
  public boolean reloadTls() {
    return tls != null && tls.reload();
  }

  /**
   * Shuts down gracefully (SIGTERM): readiness turns 503, the ports stop accepting, every client
   * is told to reconnect (3001) spread over {@code shutdown.drainPeriod}, queued writes are
   * flushed, then the loops and engines stop.
   *
   * @return true when everything finished within {@code shutdown.timeout}
   */
  public boolean shutdownGracefully() {
    long deadline = System.nanoTime() + config.shutdown().timeout().toNanos();
    return stop(config.shutdown().drainPeriod(), deadline);
  }

  /**
   * Stops at once: disconnects every client with 3001 without spreading, closes the ports and
   * stops the loops (for embedding and tests; SIGTERM uses {@link #shutdownGracefully}).
   */
  @Override
  public void close() {
    stop(Duration.ZERO, System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS));
  }

  private boolean stop(Duration drainPeriod, long deadline) {
    if (!closed.compareAndSet(false, true)) {
      return true;
    }
    readiness.drain();
    node.stopAccepting();
    // Consumers stop first, while the engine still works: what Herald accepted gets committed.
    ingestion.close();
    // The internal port stays open while draining: probes see 503 and /metrics stays readable.
    listener.close().syncUninterruptibly();
    List<ClientSession> sessions = node.sessions();
    log.info("shutting down: disconnecting {} clients over {}", sessions.size(), drainPeriod);
    boolean inTime = true;
    try {
      // Loops must run the disconnects (and write the close frames) before they stop: a
      // stopping loop closes its channels before it runs what is still queued.
      Drain.spread(sessions, Disconnect.SHUTDOWN, drainPeriod)
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      inTime = false;
      log.warn("not every client was told of the shutdown in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inTime = false;
    }
    if (admin != null) {
      admin.close();
    }
    if (webhooks != null) {
      webhooks.close();
    }
    if (internalListener != null) {
      internalListener.close().syncUninterruptibly();
    }
    proxy.close();
    long quietMillis = 100;
    long leftMillis = Math.max(quietMillis, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    workers.shutdownGracefully(quietMillis, leftMillis, TimeUnit.MILLISECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    announcer.close();
    engine.close();
    verifier.close();
    metricsEndpoint.close();
    log.info("shut down");
    return inTime && System.nanoTime() <= deadline;
  }

  /**
   * Fallback (SSE, long-poll) sessions this node holds, idle ones waiting for a poll or a resumed
   * stream included; 0 when the fallbacks are off.
   */
  public int fallbackSessions() {
    return fallback == null ? 0 : fallback.size();
  }

  /**
   * How a server runs besides its config.
   *
   * @param clock the clock tokens and timers use
   * @param name node name shown by API {@code info}
   * @param workerThreads event loops for connections; 0 means twice the cores
   * @param pageToken a token the page at {@code /} connects with (dev mode), or null
   */
  public record Options(Clock clock, String name, int workerThreads, String pageToken) {

    /** System clock, host name, default threads, no page token. */
    public static Options defaults() {
      return new Options(Clock.systemUTC(), hostName(), 0, null);
    }

    /** The same options with {@code token} for the page. */
    public Options withPageToken(String token) {
      return new Options(clock, name, workerThreads, token);
    }

    /** The same options with {@code c} as clock. */
    public Options withClock(Clock c) {
      return new Options(c, name, workerThreads, pageToken);
    }

    private static String hostName() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "herald";
      }
    }
  }
}
