package io.herald.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling reference: a bare Netty WebSocket broadcaster with no protocol, no authentication
 * and no JSON. A client sends {@code sub <channel>} (answered {@code ok}); a publish, either
 * {@code pub <channel> <payload>} on a WebSocket or {@code POST /publish/<channel>} with the
 * payload as body, is written to every subscriber of the channel as one text message.
 *
 * <p>It does what a good server must do and nothing more: native epoll, the frame encoded once
 * per publish and shared by every subscriber (one direct buffer, retained duplicates), one task
 * per event loop per publish, writes flushed once per loop task. Same loop layout as Herald
 * (one acceptor, twice the cores for connections). No slow-consumer protection.
 */
public final class BareBroadcaster implements AutoCloseable {

  /** WebSocket endpoint path. */
  public static final String WS_PATH = "/ws";

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;

  private BareBroadcaster(String host, int port, int threads) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    var factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    boss = new MultiThreadIoEventLoopGroup(1, factory);
    workers = new MultiThreadIoEventLoopGroup(threads, factory);
    Topics topics = new Topics();
    WebSocketServerProtocolConfig ws =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(WS_PATH)
            .maxFramePayloadLength(1 << 20)
            .handshakeTimeoutMillis(10_000)
            .build();
    listener =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new WebSocketServerProtocolHandler(ws))
                        .addLast(new BareHandler(topics));
                  }
                })
            .bind(new InetSocketAddress(host, port))
            .sync()
            .channel();
  }

  /**
   * Starts a broadcaster on {@code host:port}.
   *
   * @param threads connection event loops (0: twice the cores)
   */
  public static BareBroadcaster start(String host, int port, int threads) throws InterruptedException {
    return new BareBroadcaster(host, port, threads);
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Blocks until the listener closes (never, unless {@link #close} runs). */
  public void awaitClose() throws InterruptedException {
    listener.closeFuture().sync();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
