package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.herald.node.protocol.Frame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pre-framed shared frames decode, as a client would, to the exact payload, at every length. */
class WebSocketWireTest {

  @Test
  void framesOfEveryHeaderLengthDecodeAsTheClientSeesThem() {
    for (int n : new int[] {0, 1, 125, 126, 127, 65535, 65536, 200_000}) {
      String payload = "x".repeat(n);
      ByteBuf framed = WebSocketWire.textFrame(payload.getBytes(StandardCharsets.UTF_8));
      EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(
          WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false)
              .maxFramePayloadLength(1 << 20).build()));
      client.writeInbound(framed.duplicate());
      TextWebSocketFrame text = client.readInbound();
      assertThat(text.text()).as("length %d", n).isEqualTo(payload);
      text.release();
      client.finishAndReleaseAll();
    }
  }

  @Test
  void aSharedFrameIsFramedOnceAndSurvivesManyWrites() {
    Frame frame = Frame.shared("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    ByteBuf first = frame.wire(ByteBuf.class, WebSocketWire::textFrame);
    ByteBuf second = frame.wire(ByteBuf.class, WebSocketWire::textFrame);
    assertThat(second).isSameAs(first);
    for (int i = 0; i < 1000; i++) {
      ByteBuf copy = first.duplicate();
      assertThat(WireFrames.text(copy)).isEqualTo("{\"a\":1}");
      copy.release();
    }
    assertThat(first.refCnt()).isPositive();
  }

  @Test
  void aPublicationIsCompressedOnceForEveryCompressedSubscriber() {
    Frame frame = Frame.shared(("{\"text\":\"" + "abc ".repeat(200) + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    io.herald.config.WebSocketConfig on = new io.herald.config.WebSocketConfig(true, 64, 1);
    EmbeddedChannel one = new EmbeddedChannel();
    EmbeddedChannel two = new EmbeddedChannel();
    EmbeddedChannel plain = new EmbeddedChannel();
    new WebSocketTransport(one, io.herald.node.protocol.Handshake.NONE, on).write(frame);
    new WebSocketTransport(two, io.herald.node.protocol.Handshake.NONE, on).write(frame);
    new WebSocketTransport(plain, io.herald.node.protocol.Handshake.NONE, null).write(frame);
    one.runPendingTasks();
    two.runPendingTasks();
    plain.runPendingTasks();
    ByteBuf a = one.readOutbound();
    ByteBuf b = two.readOutbound();
    ByteBuf c = plain.readOutbound();
    assertThat(a.memoryAddress()).as("the same compressed bytes in memory")
        .isEqualTo(b.memoryAddress());
    assertThat(a.getByte(0) & 0x40).as("RSV1 on the compressed frame").isEqualTo(0x40);
    assertThat(c.getByte(0) & 0x40).as("RSV1 off on the plain one").isZero();
    assertThat(a.readableBytes()).isLessThan(c.readableBytes() / 4);
    assertThat(frame.wire(ByteBuf.class, bytes -> {
      throw new AssertionError("the plain form is cached beside the compressed one");
    }).memoryAddress()).isEqualTo(c.memoryAddress());
  }
}
