package io.herald.transport;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DefaultSocketChannelConfig;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * An {@link EmbeddedChannel} that is also a {@link SocketChannel}, so that a {@code
 * ChannelInitializer<SocketChannel>} such as {@link HeraldChannelInitializer} can build its real
 * pipeline without a socket. Its config is a socket config over an unconnected {@link Socket}
 * (the write buffer water marks are what matter); shutting down a half closes the whole channel.
 */
final class EmbeddedSocketChannel extends EmbeddedChannel implements SocketChannel {

  private SocketChannelConfig socketConfig;
  private Socket socket;

  EmbeddedSocketChannel() {
    super();
  }

  @Override
  public SocketChannelConfig config() {
    // Called from the super constructor, before field initializers run.
    if (socketConfig == null) {
      socket = new Socket();
      socketConfig = new DefaultSocketChannelConfig(this, socket);
    }
    return socketConfig;
  }

  /** Releases what the channel holds, the unconnected socket included. */
  void dispose() {
    finishAndReleaseAll();
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ServerSocketChannel parent() {
    return null;
  }

  @Override
  public InetSocketAddress localAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 8000);
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);
  }

  @Override
  public boolean isInputShutdown() {
    return !isOpen();
  }

  @Override
  public ChannelFuture shutdownInput() {
    return close();
  }

  @Override
  public ChannelFuture shutdownInput(ChannelPromise promise) {
    return close(promise);
  }

  @Override
  public boolean isOutputShutdown() {
    return !isOpen();
  }

  @Override
  public ChannelFuture shutdownOutput() {
    return close();
  }

  @Override
  public ChannelFuture shutdownOutput(ChannelPromise promise) {
    return close(promise);
  }

  @Override
  public boolean isShutdown() {
    return !isOpen();
  }

  @Override
  public ChannelFuture shutdown() {
    return close();
  }

  @Override
  public ChannelFuture shutdown(ChannelPromise promise) {
    return close(promise);
  }
}
