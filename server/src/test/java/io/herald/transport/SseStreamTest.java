package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * An SSE stream tells its session it cannot take more only while its connection is open and over
 * its write bound: a connection that is already gone (the client dropped it and will resume) is
 * not a slow reader, so the session keeps its messages for the resume instead of closing with
 * 3008 before it hears of the close.
 */
class SseStreamTest {

  @Test
  void anOpenConnectionUnderItsBoundIsWritable() {
    EmbeddedChannel channel = new EmbeddedChannel();
    assertThat(new SseStream(channel, "s").writable()).isTrue();
    channel.finishAndReleaseAll();
  }

  @Test
  void anOpenConnectionOverItsBoundIsNot() {
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {} // the peer reads nothing
    });
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[64]));
    assertThat(new SseStream(channel, "s").writable()).isFalse();
    channel.close();
    channel.releaseOutbound();
  }

  @Test
  void aConnectionAlreadyClosedIsNotASlowReader() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.close();
    assertThat(channel.isWritable()).as("what made a dropped stream look slow").isFalse();
    assertThat(new SseStream(channel, "s").writable()).isTrue();
  }
}
