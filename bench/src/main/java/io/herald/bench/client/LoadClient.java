package io.herald.bench.client;

import io.herald.bench.protocol.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's Netty client: one event-loop group (native epoll when it loads) that
 * holds every WebSocket connection of a run, each bound to a loopback source address from
 * {@link SourceAddresses}. Opening a connection never blocks; its {@link Conn} reports through
 * its listener.
 *
 * <p>Per connection: HTTP codec and a small aggregator for the handshake, Netty's WebSocket
 * client handler (masking, close handshake, 30 s handshake timeout), a message aggregator, and
 * {@link ConnHandler}. No extensions are negotiated and no {@code Origin} is sent.
 */
public final class LoadClient implements AutoCloseable {

  /** Largest inbound WebSocket message the generator accepts (reassembled). */
  public static final int MAX_MESSAGE = 1 << 20;

  private final EventLoopGroup group;
  private final boolean epoll;
  private final SourceAddresses sources;

  /**
   * @param threads event loops (0: Netty's default, twice the cores)
   * @param sources the addresses to bind connections to
   */
  public LoadClient(int threads, SourceAddresses sources) {
    this.epoll = Epoll.isAvailable();
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads,
            new DefaultThreadFactory("bench-client", true),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.sources = sources;
  }

  /** True when the native epoll transport is in use. */
  public boolean epoll() {
    return epoll;
  }

  public SourceAddresses sources() {
    return sources;
  }

  public EventLoopGroup group() {
    return group;
  }

  /**
   * Starts opening {@code conn} to {@code server} with {@code protocol}. Returns at once; the
   * connection reports ready or failed to its listener.
   */
  public void open(InetSocketAddress server, Protocol protocol, Conn conn) {
    URI uri = URI.create("ws://" + server.getHostString() + ":" + server.getPort() + protocol.wsPath());
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .allowExtensions(false)
            .maxFramePayloadLength(MAX_MESSAGE)
            .handshakeTimeoutMillis(30_000)
            .forceCloseTimeoutMillis(2_000)
            .dropPongFrames(true)
            .handleCloseFrames(false)
            .generateOriginHeader(false)
            .build();
    Bootstrap b =
        bootstrap(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                // Here, on the loop and before the handshake can complete: set after connect()
                // returned, a descheduled opening thread could leave it null when the protocol
                // sends its first message, and the connection hung.
                conn.started(ch);
                ch.pipeline()
                    .addLast("http", new HttpClientCodec())
                    .addLast("handshake", new HttpObjectAggregator(65536))
                    .addLast("websocket", new WebSocketClientProtocolHandler(config))
                    .addLast("messages", new WebSocketFrameAggregator(MAX_MESSAGE))
                    .addLast("conn", new ConnHandler(conn, protocol));
              }
            });
    conn.startClock();
    ChannelFuture f =
        b.connect(server, new InetSocketAddress(sources.forConnection(conn.id()), 0));
    conn.started(f.channel());
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            conn.fail("tcp connect: " + done.cause().getMessage());
          }
        });
  }

  /** A bootstrap with the client's loops, channel type and socket options. */
  public Bootstrap bootstrap(ChannelInitializer<? extends Channel> initializer) {
    return bootstrap(group, initializer);
  }

  /** A bootstrap on {@code loops} (the client's or one of them) with its channel type and options. */
  public Bootstrap bootstrap(EventLoopGroup loops, ChannelInitializer<? extends Channel> initializer) {
    Bootstrap b =
        new Bootstrap()
            .group(loops)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
            .handler(initializer);
    if (epoll) {
      // Pick the source port at connect(), per 4-tuple, not at bind() per address.
      b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
    }
    return b;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
