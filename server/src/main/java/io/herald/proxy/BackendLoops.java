package io.herald.proxy;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.File;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;

/**
 * What the proxy's HTTP clients share: the client TLS context, Netty's asynchronous DNS resolver
 * (one per event loop, queries sent from that loop; the hosts file is honoured) and one event
 * loop of the proxy's own for calls made off any event loop. Thread-safe.
 */
final class BackendLoops implements AutoCloseable {

  private final EventLoopGroup own;
  private final SslContext tls;
  private final DnsAddressResolverGroup resolver;

  /**
   * @param caFile PEM file of the certificate authorities {@code https://} backends are checked
   *     against ({@code proxy.tlsCaFile}); null for the JVM's default trust store
   * @throws IllegalArgumentException when the file cannot be read as PEM certificates
   */
  BackendLoops(String caFile) {
    this.tls = tls(caFile);
    boolean epoll = Epoll.isAvailable();
    this.own = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("herald-proxy", true),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
        .datagramChannelType(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .socketChannelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class));
  }

  private static SslContext tls(String caFile) {
    try {
      SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
      if (caFile != null) {
        b.trustManager(new File(caFile));
      }
      return b.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "proxy.tlsCaFile: cannot read " + caFile + " as PEM certificates: " + e.getMessage(), e);
    }
  }

  SslContext tls() {
    return tls;
  }

  AddressResolverGroup<InetSocketAddress> resolver() {
    return resolver;
  }

  /** One of the proxy's own event loops. */
  EventLoop next() {
    return own.next();
  }

  @Override
  public void close() {
    resolver.close();
    own.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }
}
