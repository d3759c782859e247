package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;

/** The receive-buffer allocator accepted connections share is the one each would build itself. */
class EventLoopsTest {

  @Test
  void sharedReceiveBuffersAreWhatAChannelBuildsItself() {
    assertSameAsOwn(new NioSocketChannel());
    if (Epoll.isAvailable()) {
      assertSameAsOwn(new EpollSocketChannel());
    }
  }

  private static void assertSameAsOwn(SocketChannel channel) {
    try {
      MaxMessagesRecvByteBufAllocator own = channel.config().getRecvByteBufAllocator();
      assertThat(own).isExactlyInstanceOf(AdaptiveRecvByteBufAllocator.class);
      assertThat(EventLoops.receiveBuffers().maxMessagesPerRead())
          .isEqualTo(own.maxMessagesPerRead());
    } finally {
      channel.unsafe().closeForcibly();
    }
  }
}
