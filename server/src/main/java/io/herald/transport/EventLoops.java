package io.herald.transport;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Native epoll on Linux when it loads, NIO otherwise. */
public final class EventLoops {

  /**
   * Netty's receive-buffer sizing for accepted connections, exactly as each channel builds for
   * itself (adaptive sizes, at most 16 reads per wake-up), but one instance for all of them: the
   * sizing state lives in each channel's handle, the allocator holds only settings. Saves an
   * allocator object per connection.
   */
  private static final AdaptiveRecvByteBufAllocator RECEIVE_BUFFERS =
      (AdaptiveRecvByteBufAllocator) new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(16);

  private EventLoops() {}

  /** The receive-buffer allocator every accepted connection shares (see the field). */
  public static AdaptiveRecvByteBufAllocator receiveBuffers() {
    return RECEIVE_BUFFERS;
  }

  /** True when the native epoll transport is in use. */
  public static boolean nativeEpoll() {
    return Epoll.isAvailable();
  }

  /** A group of {@code threads} loops (0: Netty's default, twice the cores). */
  public static EventLoopGroup group(int threads) {
    return new MultiThreadIoEventLoopGroup(
        threads, nativeEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  /** The client socket channel type matching {@link #group}. */
  public static Class<? extends io.netty.channel.socket.SocketChannel> socketChannel() {
    return nativeEpoll()
        ? io.netty.channel.epoll.EpollSocketChannel.class
        : io.netty.channel.socket.nio.NioSocketChannel.class;
  }

  /** The server channel type matching {@link #group}. */
  public static Class<? extends ServerSocketChannel> serverChannel() {
    return nativeEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
