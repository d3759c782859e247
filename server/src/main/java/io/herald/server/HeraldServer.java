package io.herald.server;

import io.herald.api.ApiService;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import io.herald.node.Disconnect;
import io.herald.node.Node;
import io.herald.node.proxy.BackendProxy;
import io.herald.protocol.JsonRpcEncoder;
import io.herald.proxy.HttpBackendProxy;
import io.herald.transport.EventLoops;
import io.herald.transport.HeraldChannelInitializer;
import io.herald.transport.WebAssets;
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
 * A running Herald node: wires config, engine, node, API and the Netty listener together, binds
 * the port, and shuts everything down in order. One per process in production; tests start
 * several on ephemeral ports.
 */
public final class HeraldServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeraldServer.class);
  private static final long SHUTDOWN_WAIT_SECONDS = 5;

  private final Node node;
  private final Engine engine;
  private final TokenVerifier verifier;
  private final BackendProxy proxy;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;

  private HeraldServer(HeraldConfig config, Options options) throws InterruptedException {
    this.engine = MemoryEngine.create(options.clock());
    this.verifier = TokenVerifier.create(config.token(), options.clock());
    this.proxy =
        config.proxy().anyEnabled() ? new HttpBackendProxy(config.proxy()) : BackendProxy.NONE;
    this.node =
        new Node(
            config, verifier, engine, new JsonRpcEncoder(), options.clock(), options.name(), proxy);
    ApiService api = new ApiService(node, config.api().key());
    WebAssets assets = BundledWebAssets.load(options.pageToken());
    this.boss = EventLoops.group(1);
    this.workers = EventLoops.group(options.workerThreads());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(EventLoops.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new HeraldChannelInitializer(config, node, api, assets));
    this.listener =
        bootstrap.bind(new InetSocketAddress(config.address(), config.port())).sync().channel();
    log.info(
        "Herald listening on {}:{} ({} transport)",
        config.address(),
        port(),
        EventLoops.nativeEpoll() ? "epoll" : "nio");
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

  /** The node, for embedding and tests. */
  public Node node() {
    return node;
  }

  /** Disconnects every client with 3001 (shutdown), closes the port and stops the loops. */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    try {
      // Loops must run the disconnects (and write the close frames) before they stop: a
      // stopping loop closes its channels before it runs what is still queued.
      node.disconnectAll(Disconnect.SHUTDOWN).get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warn("not every client was told of the shutdown in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxy.close();
    workers.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    engine.close();
    verifier.close();
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
