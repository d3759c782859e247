package io.herald.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.node.ClientSession;
import io.herald.node.protocol.Disconnect;
import io.herald.node.Node;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebSocketSessionHandler} and {@link WebSocketTransport} in an {@link EmbeddedChannel}
 * with a frozen clock: the session opens on the handshake event, text frames are answered with
 * coalesced flushes, fan-out reaches the client, timers close stale and silent clients, binary
 * frames and codec errors close with the right status, and every frame is released.
 */
class WebSocketSessionHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONNECT = "{\"jsonrpc\":\"2.0\",\"method\":\"connect\",\"id\":1}";

  private Node node;
  private WebSocketSessionHandler handler;
  private EmbeddedChannel channel;
  private final List<WebSocketFrame> sent = new ArrayList<>();

  @BeforeEach
  void start() {
    node = TestNodes.node(TestNodes.config());
    handler = new WebSocketSessionHandler(
        new ProtocolWebSocket(node, node.protocol()), null, 65536);
    channel = new EmbeddedChannel(handler);
    channel.freezeTime();
  }

  @AfterEach
  void finish() {
    List<Object> left = new ArrayList<>();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      left.add(o instanceof TextWebSocketFrame t ? t.text() : o);
      io.netty.util.ReferenceCountUtil.release(o);
    }
    channel.finishAndReleaseAll();
    assertThat(sent).as("inbound frames released").allSatisfy(f -> assertThat(f.refCnt()).isZero());
    assertThat(left).as("unexpected outbound frames").isEmpty();
  }

  private ClientSession clientSession() {
    return handler.session() == null
        ? null
        : ((ProtocolWebSocket.Connection) handler.session()).clientSession();
  }

  private void handshake() {
    channel
        .pipeline()
        .fireUserEventTriggered(
            new WebSocketServerProtocolHandler.HandshakeComplete(
                io.herald.protocol.jsonrpc.JsonRpcProtocol.WEBSOCKET_PATH, EmptyHttpHeaders.INSTANCE, null));
  }

  /** Delivers a text frame and runs the loop until idle. */
  private void send(String text) {
    TextWebSocketFrame frame = new TextWebSocketFrame(text);
    sent.add(frame);
    channel.writeInbound(frame);
    channel.runPendingTasks();
  }

  /** Every outbound frame written and flushed so far, released. */
  private List<Object> outbound() {
    List<Object> out = new ArrayList<>();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      if (o instanceof TextWebSocketFrame text) {
        out.add(json(text.text()));
      } else if (o instanceof CloseWebSocketFrame close) {
        out.add(new Close(close.statusCode(), close.reasonText()));
      } else if (o instanceof io.netty.buffer.ByteBuf framed) {
        out.add(json(WireFrames.text(framed)));
      } else {
        out.add(o);
      }
      io.netty.util.ReferenceCountUtil.release(o);
    }
    return out;
  }

  private JsonNode only() {
    List<Object> out = outbound();
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).isInstanceOf(JsonNode.class);
    return (JsonNode) out.get(0);
  }

  private record Close(int code, String reason) {}

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private String connect() {
    handshake();
    send(CONNECT);
    JsonNode response = only();
    assertThat(response.get("id").intValue()).isEqualTo(1);
    return response.get("result").get("client").textValue();
  }

  /** Moves the frozen clock, fires due timers, then runs the tasks they queued (the flush). */
  private void advance(long seconds) {
    channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
    channel.runPendingTasks();
    channel.runPendingTasks();
  }

  @Test
  void framesBeforeTheHandshakeAreIgnored() {
    send(CONNECT);

    assertThat(outbound()).isEmpty();
    assertThat(handler.session()).isNull();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void anonymousConnect() {
    handshake();
    send(CONNECT);

    JsonNode response = only();
    ClientSession session = clientSession();
    assertThat(response)
        .isEqualTo(
            json(
                "{\"jsonrpc\":\"2.0\",\"result\":{\"client\":\"" + session.id() + "\",\"user\":\"\","
                    + "\"ping\":" + TestNodes.pingSeconds() + ",\"pong\":true},\"id\":1}"));
    assertThat(session.connected()).isTrue();
    assertThat(session.transportName()).isEqualTo("websocket");
    assertThat(node.info().numClients()).isEqualTo(1);
  }

  @Test
  void writesOfOneInboundFrameShareOneFlush() {
    connect();
    AtomicInteger flushes = new AtomicInteger();
    channel
        .pipeline()
        .addFirst(
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
              }
            });

    send(
        "[{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":\"news\"},\"id\":2},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"news\",\"data\":1}},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"news\",\"data\":2}},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"news\",\"data\":3}}]");

    List<Object> out = outbound();
    assertThat(out).hasSize(4);
    assertThat(out.subList(1, 4))
        .extracting(o -> ((JsonNode) o).get("params").get("data").intValue())
        .containsExactly(1, 2, 3);
    assertThat(flushes).hasValue(1);
  }

  @Test
  void aWriteIsFlushedByALoopTaskNotInline() {
    handshake();
    TextWebSocketFrame connect = new TextWebSocketFrame(CONNECT);
    sent.add(connect);

    channel.pipeline().fireChannelRead(connect);

    assertThat(channel.outboundMessages()).as("written, not yet flushed").isEmpty();
    channel.runPendingTasks();
    assertThat(outbound()).hasSize(1);
  }

  @Test
  void batchSubscribePublishAndTheFanOutReachTheClient() {
    String client = connect();

    send(
        "[{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":\"news\"},\"id\":2},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"news\",\"data\":{\"n\":1}},\"id\":3},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}]");

    List<Object> out = outbound();
    assertThat(out)
        .containsExactly(
            json(
                "[{\"jsonrpc\":\"2.0\",\"result\":{\"recoverable\":false},\"id\":2},"
                    + "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":3}]"),
            json(
                "{\"jsonrpc\":\"2.0\",\"method\":\"publication\",\"params\":{\"channel\":\"news\","
                    + "\"data\":{\"n\":1},\"info\":{\"user\":\"\",\"client\":\"" + client + "\"}}}"));
    assertThat(node.channels()).containsEntry("news", 1);
  }

  @Test
  void serverPublicationsReachSubscribers() {
    connect();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":\"news\"},\"id\":2}");
    outbound();

    node.publish("news", "[\"a\",1]".getBytes(UTF_8));
    node.publish("other", "2".getBytes(UTF_8));
    channel.runPendingTasks();

    assertThat(only())
        .isEqualTo(
            json(
                "{\"jsonrpc\":\"2.0\",\"method\":\"publication\","
                    + "\"params\":{\"channel\":\"news\",\"data\":[\"a\",1]}}"));
  }

  @Test
  void notificationsAreNotAnswered() {
    connect();

    send("[{\"jsonrpc\":\"2.0\",\"method\":\"pong\"},{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}]");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"unsubscribe\",\"params\":{\"channel\":\"x\"}}");

    assertThat(outbound()).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void parseErrorIsAnsweredAndTheConnectionStays() {
    connect();

    send("{not json");

    JsonNode error = only();
    assertThat(error.get("error").get("code").intValue()).isEqualTo(-32700);
    assertThat(error.get("id").isNull()).isTrue();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void commandBeforeConnectIsRefused() {
    handshake();

    send("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":\"news\"},\"id\":\"s\"}");

    JsonNode error = only();
    assertThat(error.get("error").get("code").intValue()).isEqualTo(101);
    assertThat(error.get("id").textValue()).isEqualTo("s");
  }

  @Test
  void binaryFrameClosesWith1003() {
    connect();
    BinaryWebSocketFrame binary = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2}));
    sent.add(binary);

    channel.writeInbound(binary);
    channel.runPendingTasks();

    assertThat(outbound()).containsExactly(new Close(1003, "binary frames are not supported"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(clientSession().closed()).isTrue();
    assertThat(node.info().numClients()).isZero();
  }

  @Test
  void tooLongMessageClosesWith1009() {
    connect();

    channel.pipeline().fireExceptionCaught(new TooLongFrameException("too long"));
    channel.runPendingTasks();

    assertThat(outbound()).containsExactly(new Close(1009, "message too big"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(clientSession().closed()).isTrue();
  }

  @Test
  void otherFailuresCloseWithoutACloseFrame() {
    connect();

    channel.pipeline().fireExceptionCaught(new IOException("connection reset"));
    channel.runPendingTasks();

    assertThat(outbound()).isEmpty();
    assertThat(channel.isOpen()).isFalse();
    assertThat(clientSession().closed()).isTrue();
  }

  @Test
  void corruptedFrameClosesTheSession() {
    connect();

    channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException());
    channel.runPendingTasks();

    assertThat(outbound()).allMatch(Close.class::isInstance).hasSizeLessThanOrEqualTo(1);
    assertThat(channel.isOpen()).isFalse();
    assertThat(clientSession().closed()).isTrue();
  }

  @Test
  void peerCloseReleasesTheSession() {
    connect();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":\"news\"},\"id\":2}");
    outbound();

    channel.close();

    assertThat(clientSession().closed()).isTrue();
    assertThat(node.info().numClients()).isZero();
    assertThat(node.channels()).isEmpty();
  }

  @Test
  void clientThatNeverConnectsIsClosedAsStale() {
    handshake();

    advance(9);
    assertThat(outbound()).isEmpty();
    advance(1);

    assertThat(outbound())
        .containsExactly(
            json(
                "{\"jsonrpc\":\"2.0\",\"method\":\"disconnect\","
                    + "\"params\":{\"code\":3502,\"reason\":\"stale\",\"reconnect\":false}}"),
            new Close(3502, "stale"));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void pingsAreSentAndAClientThatStopsPongingIsClosed() {
    connect();
    long ping = TestNodes.pingSeconds();
    long pongTimeout = TestNodes.pongTimeout().toSeconds();
    JsonNode pingFrame = json("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");

    advance(ping);
    assertThat(only()).isEqualTo(pingFrame);
    send("{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}");
    advance(pongTimeout);
    assertThat(outbound()).isEmpty();
    assertThat(channel.isOpen()).isTrue();

    advance(ping - pongTimeout);
    assertThat(only()).isEqualTo(pingFrame);
    advance(pongTimeout);

    assertThat(outbound())
        .containsExactly(
            json(
                "{\"jsonrpc\":\"2.0\",\"method\":\"disconnect\","
                    + "\"params\":{\"code\":3012,\"reason\":\"no pong\",\"reconnect\":true}}"),
            new Close(3012, "no pong"));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void serverDisconnectSendsTheReasonThenCloses() {
    connect();

    node.disconnectUser("", null, Disconnect.FORCE_NO_RECONNECT);
    channel.runPendingTasks();

    assertThat(outbound())
        .containsExactly(
            json(
                "{\"jsonrpc\":\"2.0\",\"method\":\"disconnect\","
                    + "\"params\":{\"code\":3503,\"reason\":\"force disconnect\",\"reconnect\":false}}"),
            new Close(3503, "force disconnect"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  @Test
  void slowClientIsClosedWith3008AfterWhatWasQueued() {
    connect();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":\"news\"},\"id\":2}");
    outbound();
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(32, 64));

    node.publish("news", ("\"" + "x".repeat(200) + "\"").getBytes(UTF_8));
    channel.runPendingTasks();

    List<Object> out = outbound();
    assertThat(out).hasSize(2);
    assertThat(((JsonNode) out.get(0)).get("method").textValue()).isEqualTo("publication");
    assertThat(out.get(1)).isEqualTo(new Close(3008, "slow"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(clientSession().closed()).isTrue();
    assertThat(node.channels()).isEmpty();
  }

  @Test
  void pingIsAnsweredWithAPongOfTheSamePayloadAndPongsAreDropped() {
    connect();
    PingWebSocketFrame ping = new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7, 8, 9}));
    PongWebSocketFrame pong = new PongWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1}));
    sent.add(ping);
    sent.add(pong);

    channel.writeInbound(ping, pong);
    channel.runPendingTasks();

    Object answer = channel.readOutbound();
    try {
      assertThat(answer).isInstanceOf(PongWebSocketFrame.class);
      assertThat(ByteBufUtil.getBytes(((PongWebSocketFrame) answer).content()))
          .containsExactly(7, 8, 9);
    } finally {
      io.netty.util.ReferenceCountUtil.release(answer);
    }
    assertThat(outbound()).as("nothing answers the pong").isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void writesAfterACloseFrameFail() {
    connect();
    CloseWebSocketFrame close = new CloseWebSocketFrame(1000, "bye");
    sent.add(close);
    channel.writeInbound(close);

    ChannelFuture later = channel.writeAndFlush(new TextWebSocketFrame("late"));

    assertThat(outbound()).containsExactly(new Close(1000, "bye"));
    assertThat(later.cause()).isInstanceOf(ClosedChannelException.class);
  }

  @Test
  void nettysProtocolHandlerLeavesThePipelineAtTheHandshake() {
    EmbeddedChannel ws = new EmbeddedChannel();
    ws.pipeline().addLast(WebSocketSessionHandler.PROTOCOL_HANDLER,
        new WebSocketServerProtocolHandler(io.herald.protocol.jsonrpc.JsonRpcProtocol.WEBSOCKET_PATH));
    ws.pipeline().addLast("session", new WebSocketSessionHandler(
        new ProtocolWebSocket(node, node.protocol()), null, 65536));
    assertThat(ws.pipeline().get(WebSocketServerProtocolHandler.class)).isNotNull();

    ws.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete(
        io.herald.protocol.jsonrpc.JsonRpcProtocol.WEBSOCKET_PATH, EmptyHttpHeaders.INSTANCE, null));

    assertThat(ws.pipeline().get(WebSocketServerProtocolHandler.class)).isNull();
    assertThat(ws.pipeline().get("session")).isInstanceOf(WebSocketSessionHandler.class);
    ws.finishAndReleaseAll();
  }
}
