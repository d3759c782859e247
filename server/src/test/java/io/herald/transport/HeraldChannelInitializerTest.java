package io.herald.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.config.HeraldConfig;
import io.herald.node.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole client pipeline of {@link HeraldChannelInitializer} in an embedded socket channel,
 * fed raw bytes as a client would send them: plain HTTP routes, the WebSocket upgrade with its
 * origin check, JSON-RPC over masked frames, and the close codes for binary, oversized and
 * invalid UTF-8 messages.
 */
class HeraldChannelInitializerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private Node node;
  private EmbeddedSocketChannel channel;
  private final EmbeddedChannel clientEncoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
  private final EmbeddedChannel clientDecoder =
      new EmbeddedChannel(
          new WebSocket13FrameDecoder(
              WebSocketDecoderConfig.newBuilder()
                  .expectMaskedFrames(false)
                  .maxFramePayloadLength(1 << 20)
                  .build()));

  private void start(HeraldConfig config) {
    node = TestNodes.node(config);
    channel = new EmbeddedSocketChannel();
    channel.freezeTime();
    channel
        .pipeline()
        .addLast(HeraldChannelInitializer.builder(config, TestRoutes.of(node, config, "<html/>".getBytes(UTF_8)))
            .fallback(config.fallback().enabled() ? new FallbackSessions(node, config) : null)
            .build());
  }

  private void start() {
    start(TestNodes.config());
  }

  @AfterEach
  void finish() {
    if (channel != null) {
      channel.dispose();
    }
    clientEncoder.finishAndReleaseAll();
    clientDecoder.finishAndReleaseAll();
  }

  // ---- the client side --------------------------------------------------------------------------

  private void sendRaw(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, UTF_8));
    channel.runPendingTasks();
  }

  /**
   * Everything the server wrote so far, as one buffer. Objects that are not bytes are dropped: a
   * real socket refuses them (Netty's WebSocket handler writes a close frame when a failed
   * handshake closes a connection that is still plain HTTP).
   */
  private ByteBuf written() {
    ByteBuf all = Unpooled.buffer();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      if (o instanceof ByteBuf b) {
        all.writeBytes(b);
      }
      ReferenceCountUtil.release(o);
    }
    return all;
  }

  private record Response(int status, io.netty.handler.codec.http.HttpHeaders headers, String body) {}

  /** The one HTTP response the server wrote. */
  private Response response() {
    EmbeddedChannel decoder =
        new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
    try {
      decoder.writeInbound(written());
      FullHttpResponse response = decoder.readInbound();
      if (response == null && !channel.isOpen()) {
        decoder.finish(); // no Content-Length: the body ends where the connection does
        response = decoder.readInbound();
      }
      assertThat(response).as("an HTTP response").isNotNull();
      try {
        return new Response(
            response.status().code(), response.headers().copy(), response.content().toString(UTF_8));
      } finally {
        response.release();
      }
    } finally {
      decoder.finishAndReleaseAll();
    }
  }

  private static String handshakeRequest(String uri, String origin) {
    return "GET " + uri + " HTTP/1.1\r\n"
        + "Host: herald.example.com\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + KEY + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + "\r\n";
  }

  private void upgrade() {
    sendRaw(handshakeRequest("/connection/websocket", TestNodes.ALLOWED_ORIGIN));
    Response response = response();
    assertThat(response.status()).isEqualTo(101);
    assertThat(response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)).isEqualTo(ACCEPT);
  }

  /** Sends {@code frame} masked, as a browser would. */
  private void sendFrame(WebSocketFrame frame) {
    clientEncoder.writeOutbound(frame);
    for (Object o; (o = clientEncoder.readOutbound()) != null; ) {
      channel.writeInbound(o);
    }
    channel.runPendingTasks();
  }

  private void sendText(String text) {
    sendFrame(new TextWebSocketFrame(text));
  }

  /** The frames the server sent since last asked: JSON for text, Close for close, else the frame. */
  private List<Object> frames() {
    clientDecoder.writeInbound(written());
    List<Object> out = new ArrayList<>();
    for (Object o; (o = clientDecoder.readInbound()) != null; ) {
      if (o instanceof TextWebSocketFrame text) {
        out.add(json(text.text()));
      } else if (o instanceof CloseWebSocketFrame close) {
        out.add(new Close(close.statusCode(), close.reasonText()));
      } else {
        out.add(o.getClass().getSimpleName());
      }
      ReferenceCountUtil.release(o);
    }
    return out;
  }

  private record Close(int code, String reason) {}

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private void connect() {
    upgrade();
    sendText("{\"jsonrpc\":\"2.0\",\"method\":\"connect\",\"id\":1}");
    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((JsonNode) out.get(0)).get("result").get("user").textValue()).isEmpty();
  }

  // ---- plain HTTP ---------------------------------------------------------------------------

  @Test
  void healthOverRawHttp() {
    start();

    sendRaw("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

    Response response = response();
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response.body())).isEqualTo(json("{\"status\":\"ok\"}"));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void apiOverRawHttp() {
    start();
    String body = "{}";

    sendRaw(
        "POST /api/info HTTP/1.1\r\nHost: x\r\nX-API-Key: " + TestNodes.API_KEY + "\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
            + body);

    Response response = response();
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response.body()).get("result").get("nodes").get(0).get("name").textValue())
        .isEqualTo("test-node");
  }

  @Test
  void pageAndNotFoundOverRawHttp() {
    start();

    sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    Response page = response();
    sendRaw("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
    Response missing = response();

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("<html/>");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void apiBodyOverTheLimitIs413() {
    start();

    sendRaw(
        "POST /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: " + TestNodes.API_KEY + "\r\n"
            + "Content-Length: " + (TestNodes.config().api().maxBodySize() + 1) + "\r\n\r\n{}");

    assertThat(response().status()).isEqualTo(413);
  }

  @Test
  void writeBufferBoundIsTheClientQueueSize() {
    HeraldConfig config = TestNodes.config();
    start(config);

    assertThat(channel.config().getWriteBufferHighWaterMark())
        .isEqualTo(config.client().queueMaxSize());
  }

  // ---- the upgrade and its origin check -------------------------------------------------------

  @Test
  void upgradeFromAnAllowedOriginThenJsonRpc() {
    start();
    upgrade();

    sendText(
        "[{\"jsonrpc\":\"2.0\",\"method\":\"connect\",\"params\":{\"name\":\"test\"},\"id\":1},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":\"news\"},\"id\":2}]");
    List<Object> first = frames();
    node.publish("news", "{\"text\":\"hello\"}".getBytes(UTF_8));
    channel.runPendingTasks();
    List<Object> second = frames();

    assertThat(first).hasSize(1);
    JsonNode batch = (JsonNode) first.get(0);
    assertThat(batch.isArray()).isTrue();
    assertThat(batch.get(0).get("result").get("client").textValue()).isNotBlank();
    assertThat(batch.get(1)).isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":{\"recoverable\":false},\"id\":2}"));
    assertThat(second)
        .containsExactly(
            json(
                "{\"jsonrpc\":\"2.0\",\"method\":\"publication\","
                    + "\"params\":{\"channel\":\"news\",\"data\":{\"text\":\"hello\"}}}"));
    assertThat(node.info().numClients()).isEqualTo(1);
  }

  @Test
  void upgradeWithoutOriginIsAllowed() {
    start();

    sendRaw(handshakeRequest("/connection/websocket?cf=1", null));

    assertThat(response().status()).isEqualTo(101);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/connection/websocket",
        "/connection/websocket?token=1",
        "/connection/websocket/",
        "/connection/websocket/anything"
      })
  void upgradeFromAnotherOriginIsRefusedOnEveryWebSocketPath(String uri) {
    start();

    sendRaw(handshakeRequest(uri, "https://evil.example.com"));

    Response response = response();
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers().get(HttpHeaderNames.UPGRADE)).isNull();
    assertThat(channel.pipeline().get(HttpServerCodec.class)).as("still plain HTTP").isNotNull();
    assertThat(node.info().numClients()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /connection/websocket HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /connection/websocket HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
      })
  void notAHandshakeOnTheWebSocketPathIs400(String request) {
    start();

    sendRaw(request);

    assertThat(response().status()).isEqualTo(400);
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  // ---- WebSocket frames ---------------------------------------------------------------------

  @Test
  void pingFrameIsAnsweredWithPong() {
    start();
    connect();

    sendFrame(new PingWebSocketFrame(Unpooled.copiedBuffer("p", US_ASCII)));

    assertThat(frames()).containsExactly("PongWebSocketFrame");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void fragmentedMessageIsAggregated() {
    start();
    connect();

    sendFrame(new TextWebSocketFrame(false, 0, "{\"jsonrpc\":\"2.0\","));
    sendFrame(new ContinuationWebSocketFrame(true, 0, "\"method\":\"unsubscribe\",\"params\":{\"channel\":\"x\"},\"id\":5}"));

    assertThat(frames()).containsExactly(json("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":5}"));
  }

  @Test
  void fragmentsAroundAPingAreAggregated() {
    start();
    connect();

    sendFrame(new TextWebSocketFrame(false, 0, "{\"jsonrpc\":\"2.0\","));
    sendFrame(new PingWebSocketFrame(Unpooled.copiedBuffer("p", US_ASCII)));
    sendFrame(new ContinuationWebSocketFrame(false, 0, "\"method\":\"unsubscribe\","));
    sendFrame(new ContinuationWebSocketFrame(true, 0, "\"params\":{\"channel\":\"x\"},\"id\":5}"));

    assertThat(frames()).containsExactly("PongWebSocketFrame",
        json("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":5}"));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void continuationOfNoMessageClosesWith1002() {
    start();
    connect();

    sendFrame(new ContinuationWebSocketFrame(true, 0, "stray"));

    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((Close) out.get(0)).code()).isEqualTo(1002);
    assertThat(channel.isOpen()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void newMessageInsideAFragmentedOneClosesWith1002(boolean finalFrame) {
    start();
    connect();

    sendFrame(new TextWebSocketFrame(false, 0, "{"));
    sendFrame(new TextWebSocketFrame(finalFrame, 0, "{}"));

    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((Close) out.get(0)).code()).isEqualTo(1002);
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  @Test
  void fragmentedBinaryMessageClosesWith1003() {
    start();
    connect();

    sendFrame(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {0, 1})));
    sendFrame(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {2})));

    assertThat(frames()).containsExactly(new Close(1003, "binary frames are not supported"));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void binaryMessageClosesWith1003() {
    start();
    connect();

    sendFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0, 1, 2})));

    assertThat(frames()).containsExactly(new Close(1003, "binary frames are not supported"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  @Test
  void oversizedFrameClosesWithOne1009() {
    start(TestNodes.config(List.of(TestNodes.ALLOWED_ORIGIN), TestNodes.client(1024, 1048576)));
    connect();

    sendText("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"params\":{\"pad\":\"" + "x".repeat(2000) + "\"}}");

    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((Close) out.get(0)).code()).isEqualTo(1009);
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  @Test
  void oversizedFragmentedMessageClosesWith1009() {
    start(TestNodes.config(List.of(TestNodes.ALLOWED_ORIGIN), TestNodes.client(1024, 1048576)));
    connect();

    sendFrame(new TextWebSocketFrame(false, 0, "[" + " ".repeat(700)));
    sendFrame(new ContinuationWebSocketFrame(true, 0, " ".repeat(700) + "]"));

    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((Close) out.get(0)).code()).isEqualTo(1009);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void invalidUtf8TextClosesWith1007() {
    start();
    connect();

    sendFrame(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'"', (byte) 0xc3, '"'})));

    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((Close) out.get(0)).code()).isEqualTo(1007);
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"c0 80", "ed a0 80", "f4 90 80 80", "e2 82", "80"})
  void textThatIsNotWellFormedUtf8ClosesWith1007(String hex) {
    start();
    connect();

    sendFrame(new TextWebSocketFrame(Unpooled.wrappedBuffer(
        java.util.HexFormat.ofDelimiter(" ").parseHex(hex))));

    assertThat(frames()).containsExactly(new Close(1007, "bytes are not UTF-8"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  @Test
  void characterSplitAcrossFragmentsIsWellFormed() {
    start();
    connect();
    byte[] message = "{\"jsonrpc\":\"2.0\",\"method\":\"unsubscribe\",\"params\":{\"channel\":\"caf\u00e9\"},\"id\":5}"
        .getBytes(UTF_8);
    int split = new String(message, UTF_8).indexOf('\u00e9') + 1; // inside the two bytes of é

    sendFrame(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer(message, 0, split)));
    sendFrame(new ContinuationWebSocketFrame(
        true, 0, Unpooled.copiedBuffer(message, split, message.length - split)));

    // Answered (channel names are ASCII: error 107), so decoded: the bytes were accepted.
    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((JsonNode) out.get(0)).get("error").get("message").textValue())
        .isEqualTo("channel has an illegal character");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void invalidUtf8InAContinuationClosesWith1007() {
    start();
    connect();

    sendFrame(new TextWebSocketFrame(false, 0, "\"ab"));
    sendFrame(new ContinuationWebSocketFrame(
        true, 0, Unpooled.wrappedBuffer(new byte[] {(byte) 0xc3, (byte) 0x28, '"'})));

    assertThat(frames()).containsExactly(new Close(1007, "bytes are not UTF-8"));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void openConnectionKeepsNoHandshaker() {
    start();
    connect();

    assertThat(channel.hasAttr(AttributeKey.valueOf(WebSocketServerHandshaker.class, "HANDSHAKER")))
        .isFalse();
  }

  @Test
  void openConnectionKeepsNoProtocolHandlerAndStillAnswersPings() {
    start();
    connect();

    assertThat(channel.pipeline().get(WebSocketServerProtocolHandler.class)).isNull();
    assertThat(channel.pipeline().get("session")).isInstanceOf(WebSocketSessionHandler.class);

    sendFrame(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {5, 6})));
    clientDecoder.writeInbound(written());
    PongWebSocketFrame pong = clientDecoder.readInbound();
    try {
      assertThat(ByteBufUtil.getBytes(pong.content())).containsExactly(5, 6);
    } finally {
      pong.release();
    }
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void clientCloseWithinAFragmentedMessageIsEchoed() {
    start();
    connect();

    sendFrame(new TextWebSocketFrame(false, 0, "{\"jsonrpc\":\"2.0\","));
    sendFrame(new CloseWebSocketFrame(1001, "going away"));

    assertThat(frames()).containsExactly(new Close(1001, "going away"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }

  @Test
  void clientCloseIsEchoedAndReleasesTheSession() {
    start();
    connect();

    sendFrame(new CloseWebSocketFrame(1000, "bye"));

    List<Object> out = frames();
    assertThat(out).hasSize(1);
    assertThat(((Close) out.get(0)).code()).isEqualTo(1000);
    assertThat(channel.isOpen()).isFalse();
    assertThat(node.info().numClients()).isZero();
  }
}
