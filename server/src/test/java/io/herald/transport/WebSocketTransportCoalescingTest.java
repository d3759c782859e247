package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.WebSocketConfig;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.herald.node.protocol.Disconnect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket transport that coalesces sends the messages of one loop pass as JSON arrays, in
 * order and within its bounds, built over the shared frames' own bytes; one that does not never
 * sends an array it was not given; what waits for the array counts toward the outbound bound.
 */
class WebSocketTransportCoalescingTest {

  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @AfterEach
  void release() {
    for (EmbeddedChannel channel : channels) {
      try {
        channel.finishAndReleaseAll();
      } catch (Exception e) {
        // a stuck channel fails its unsent writes on close
        assertThat(e).isInstanceOf(java.nio.channels.ClosedChannelException.class);
      }
    }
  }

  private EmbeddedChannel channel(int queueMaxSize) {
    return channel(queueMaxSize, new ChannelOutboundHandlerAdapter());
  }

  /**
   * A channel that never sends: an {@link EmbeddedChannel} runs its pending tasks (the flush) on
   * every write, which a real loop does not do within one pass.
   */
  private EmbeddedChannel stuckChannel(int queueMaxSize) {
    return channel(queueMaxSize, new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {}
    });
  }

  private EmbeddedChannel channel(int queueMaxSize, ChannelOutboundHandlerAdapter handler) {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.config().setWriteBufferWaterMark(
        new WriteBufferWaterMark(queueMaxSize / 2, queueMaxSize));
    channels.add(channel);
    return channel;
  }

  private static Frame publication(int i) {
    return Frame.shared(("{\"method\":\"publication\",\"params\":{\"n\":" + i + "}}")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Every message the channel was given, one string per WebSocket message. */
  private static List<String> written(EmbeddedChannel channel) {
    List<String> out = new ArrayList<>();
    for (Object m; (m = channel.readOutbound()) != null; ) {
      if (m instanceof ByteBuf b) {
        if (b.isReadable()) { // whenFlushed's marker is empty
          out.add(WireFrames.text(b));
        }
        b.release();
      } else if (m instanceof TextWebSocketFrame t) {
        out.add(t.text());
        t.release();
      } else if (m instanceof CloseWebSocketFrame c) {
        out.add("close " + c.statusCode());
        c.release();
      }
    }
    return out;
  }

  @Test
  void oneLoopPassLeavesAsOneArrayInOrder() {
    EmbeddedChannel channel = channel(1 << 20);
    WebSocketTransport transport = new WebSocketTransport(channel);
    assertThat(transport.coalesce(64, 65536)).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(transport.write(publication(i))).isTrue();
    }
    transport.write(Frame.wrap("{\"id\":7,\"result\":{}}".getBytes(StandardCharsets.UTF_8)));
    assertThat(channel.outboundMessages()).as("nothing written before the pass ends").isEmpty();
    channel.runPendingTasks();
    assertThat(written(channel)).containsExactly("[" + publication(0) + "," + publication(1)
        + "," + publication(2) + ",{\"id\":7,\"result\":{}}]");

    transport.write(publication(3));
    channel.runPendingTasks();
    assertThat(written(channel)).as("a pass with one message sends it as it is")
        .containsExactly(publication(3).toString());
  }

  @Test
  void aSmallArrayIsOneBuffer() {
    EmbeddedChannel channel = channel(1 << 20);
    WebSocketTransport transport = new WebSocketTransport(channel);
    transport.coalesce(64, 65536);
    transport.write(publication(1));
    transport.write(publication(2));
    channel.runPendingTasks();
    ByteBuf array = channel.readOutbound();
    assertThat(array.nioBufferCount()).as("header, brackets and members copied together")
        .isEqualTo(1);
    assertThat(WireFrames.text(array))
        .isEqualTo("[" + publication(1) + "," + publication(2) + "]");
    array.release();
  }

  @Test
  void aLargeArraySharesThePublicationsBytes() {
    EmbeddedChannel channel = channel(1 << 20);
    WebSocketTransport transport = new WebSocketTransport(channel);
    transport.coalesce(64, 65536);
    Frame first = large(1);
    transport.write(first);
    transport.write(large(2));
    channel.runPendingTasks();
    ByteBuf array = channel.readOutbound();
    ByteBuf shared = first.wire(ByteBuf.class, WebSocketWire::textFrame);
    assertThat(array.nioBufferCount()).as("header and '[', two members (one with its ','), ']'")
        .isEqualTo(4);
    assertThat(array.nioBuffers()[1].isDirect()).isTrue();
    long memberAddress = array.nioBuffers().length > 1
        ? io.netty.util.internal.PlatformDependent.directBufferAddress(array.nioBuffers()[1]) : 0;
    assertThat(memberAddress).as("the first member is the shared frame's payload, not a copy")
        .isEqualTo(shared.memoryAddress() + WebSocketWire.headerLength(first.size()));
    array.release();
  }

  /** A publication of more than half of {@link FrameBatch#COPY_LIMIT}. */
  private static Frame large(int i) {
    String padding = "x".repeat(FrameBatch.COPY_LIMIT / 2);
    return Frame.shared(("{\"method\":\"publication\",\"params\":{\"n\":" + i + ",\"p\":\""
        + padding + "\"}}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void boundsSplitThePassInOrder() {
    EmbeddedChannel channel = channel(1 << 20);
    WebSocketTransport byCount = new WebSocketTransport(channel);
    byCount.coalesce(2, 65536);
    for (int i = 0; i < 5; i++) {
      byCount.write(publication(i));
    }
    channel.runPendingTasks();
    assertThat(written(channel)).containsExactly(
        "[" + publication(0) + "," + publication(1) + "]",
        "[" + publication(2) + "," + publication(3) + "]",
        publication(4).toString());

    int size = publication(0).size();
    EmbeddedChannel other = channel(1 << 20);
    WebSocketTransport bySize = new WebSocketTransport(other);
    bySize.coalesce(64, 2 * size + 3); // exactly two members: "[", a, ",", b, "]"
    Frame big = Frame.shared(("{\"pad\":\"" + "x".repeat(3 * size) + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    Frame batchAnswer = Frame.wrap("[{\"id\":1,\"result\":{}}]".getBytes(StandardCharsets.UTF_8));
    bySize.write(publication(0));
    bySize.write(publication(1));
    bySize.write(publication(2));
    bySize.write(big);
    bySize.write(publication(3));
    bySize.write(batchAnswer);
    bySize.write(publication(4));
    other.runPendingTasks();
    List<String> out = written(other);
    assertThat(out).containsExactly(
        "[" + publication(0) + "," + publication(1) + "]",
        publication(2).toString(),
        big.toString(),
        publication(3).toString(),
        batchAnswer.toString(),
        publication(4).toString());
    assertThat(out.get(0)).hasSize(2 * size + 3);
  }

  @Test
  void withoutCoalescingEveryMessageLeavesAlone() {
    EmbeddedChannel channel = channel(1 << 20);
    WebSocketTransport transport = new WebSocketTransport(channel);
    for (int i = 0; i < 3; i++) {
      transport.write(publication(i));
    }
    channel.runPendingTasks();
    assertThat(written(channel)).containsExactly(
        publication(0).toString(), publication(1).toString(), publication(2).toString());
  }

  @Test
  void aCompressingConnectionDoesNotCoalesce() {
    WebSocketTransport transport = new WebSocketTransport(
        channel(1 << 20), Handshake.NONE, new WebSocketConfig(true, 64, 1));
    assertThat(transport.coalesce(64, 65536)).isFalse();
  }

  @Test
  void whatWaitsForTheArrayCountsTowardTheQueueBound() {
    int bound = 4096;
    Frame frame = publication(10);
    WebSocketTransport plain = new WebSocketTransport(stuckChannel(bound));
    writesUntilOverBound(plain, frame);
    WebSocketTransport coalescing = new WebSocketTransport(stuckChannel(bound));
    coalescing.coalesce(1024, 1 << 20);
    int coalescedWrites = writesUntilOverBound(coalescing, frame);
    // Both say "over" at the first write that takes their queued bytes past the bound; the
    // array's bytes are counted before it is built (one header, one comma per member).
    for (WebSocketTransport t : List.of(plain, coalescing)) {
      assertThat(t.queuedBytes()).isGreaterThan(bound);
    }
    long arrayFrame = 4 + 1 + coalescedWrites * (frame.size() + 1L);
    assertThat(coalescing.queuedBytes()).isEqualTo(arrayFrame);
    assertThat(arrayFrame - frame.size() - 1).isLessThanOrEqualTo(bound);
  }

  private static int writesUntilOverBound(WebSocketTransport transport, Frame frame) {
    for (int i = 1; i < 10_000; i++) {
      if (!transport.write(frame)) {
        return i;
      }
    }
    throw new AssertionError("never over the bound");
  }

  @Test
  void aCloseAndAFlushWaitSendWhatWaitsFirst() {
    EmbeddedChannel channel = channel(1 << 20);
    WebSocketTransport transport = new WebSocketTransport(channel);
    transport.coalesce(64, 65536);
    transport.write(publication(0));
    transport.write(publication(1));
    boolean[] flushed = new boolean[1];
    transport.whenFlushed(() -> flushed[0] = true);
    transport.write(publication(2));
    transport.close(Disconnect.SLOW);
    channel.runPendingTasks();
    assertThat(written(channel)).containsExactly(
        "[" + publication(0) + "," + publication(1) + "]",
        publication(2).toString(),
        "close " + Disconnect.SLOW.code());
    assertThat(flushed[0]).isTrue();
  }
}
