package io.herald.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OriginCheckHandler} in an {@link EmbeddedChannel}: handshakes from listed origins, from
 * any origin with {@code *}, and without {@code Origin} pass; others get 403 and are released;
 * other paths and non-HTTP messages pass untouched.
 */
class OriginCheckHandlerTest {

  private EmbeddedChannel channel;

  private EmbeddedChannel channel(List<String> allowedOrigins) {
    channel = new EmbeddedChannel(new OriginCheckHandler(TestNodes.config(allowedOrigins),
        path -> path.equals("/connection/websocket") || path.startsWith("/connection/websocket/")));
    return channel;
  }

  @AfterEach
  void finish() {
    if (channel != null) {
      channel.finishAndReleaseAll();
    }
  }

  private static FullHttpRequest handshake(String uri, String origin) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri, Unpooled.buffer(0));
    request.headers().set(HttpHeaderNames.HOST, "herald.example.com");
    request.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    if (origin != null) {
      request.headers().set(HttpHeaderNames.ORIGIN, origin);
    }
    return request;
  }

  private void assertPassedUntouched(Object sent) {
    Object received = channel.readInbound();
    assertThat(received).isSameAs(sent);
    assertThat(channel.<Object>readOutbound()).isNull();
    assertThat(((io.netty.util.ReferenceCounted) received).refCnt()).isEqualTo(1);
    ((io.netty.util.ReferenceCounted) received).release();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void listedOriginPasses() {
    channel(List.of(TestNodes.ALLOWED_ORIGIN));
    FullHttpRequest request = handshake("/connection/websocket", TestNodes.ALLOWED_ORIGIN);

    channel.writeInbound(request);

    assertPassedUntouched(request);
  }

  @Test
  void unlistedOriginIsRefusedWith403AndReleased() {
    channel(List.of(TestNodes.ALLOWED_ORIGIN));
    FullHttpRequest request = handshake("/connection/websocket", "https://evil.example.com");

    channel.writeInbound(request);

    assertThat(channel.<Object>readInbound()).isNull();
    assertThat(request.refCnt()).isZero();
    FullHttpResponse response = channel.readOutbound();
    try {
      assertThat(response.status().code()).isEqualTo(403);
      assertThat(response.content().toString(UTF_8))
          .isEqualTo("origin not allowed: https://evil.example.com\n");
      assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/plain");
      assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
          .isEqualTo(response.content().readableBytes());
      assertThat(response.refCnt()).isEqualTo(1);
    } finally {
      response.release();
    }
    assertThat(channel.<Object>readOutbound()).isNull();
    assertThat(channel.isOpen()).as("HTTP/1.1 keeps the connection").isTrue();
  }

  @Test
  void refusedRequestAskingToCloseClosesTheConnection() {
    channel(List.of(TestNodes.ALLOWED_ORIGIN));
    FullHttpRequest request = handshake("/connection/websocket", "null");
    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);

    channel.writeInbound(request);

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(403);
    response.release();
    assertThat(channel.isOpen()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://APP.example.com",
        "https://app.example.com:443",
        "https://app.example.com/",
        "http://app.example.com",
        "https://app.example.com.evil.com",
        "null",
        ""
      })
  void originsAreComparedExactly(String origin) {
    channel(List.of(TestNodes.ALLOWED_ORIGIN));

    channel.writeInbound(handshake("/connection/websocket", origin));

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(403);
    response.release();
  }

  @Test
  void starAllowsEveryOrigin() {
    channel(List.of("*"));
    FullHttpRequest request = handshake("/connection/websocket", "https://anything.example.org");

    channel.writeInbound(request);

    assertPassedUntouched(request);
  }

  @Test
  void requestWithoutOriginPasses() {
    channel(List.of());
    FullHttpRequest request = handshake("/connection/websocket", null);

    channel.writeInbound(request);

    assertPassedUntouched(request);
  }

  @Test
  void noOriginIsAllowedByDefault() {
    channel(List.of());

    channel.writeInbound(handshake("/connection/websocket", TestNodes.ALLOWED_ORIGIN));

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(403);
    response.release();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/connection/websocket?token=abc",
        "/connection/websocket/",
        "/connection/websocket/extra"
      })
  void everyPathTheUpgradeAcceptsIsChecked(String uri) {
    channel(List.of(TestNodes.ALLOWED_ORIGIN));
    FullHttpRequest request = handshake(uri, "https://evil.example.com");

    channel.writeInbound(request);

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(403);
    response.release();
    assertThat(request.refCnt()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/health", "/api/info", "/", "/connection", "/connection/websocketx", "/other"})
  void otherPathsPassUntouchedWhateverTheOrigin(String uri) {
    channel(List.of(TestNodes.ALLOWED_ORIGIN));
    FullHttpRequest request = handshake(uri, "https://evil.example.com");

    channel.writeInbound(request);

    assertPassedUntouched(request);
  }

  @Test
  void nonHttpMessagesPassUntouched() {
    channel(List.of(TestNodes.ALLOWED_ORIGIN));
    TextWebSocketFrame frame = new TextWebSocketFrame("{}");
    ByteBuf bytes = Unpooled.copiedBuffer("raw", UTF_8);

    channel.writeInbound(frame);
    assertPassedUntouched(frame);
    channel.writeInbound(bytes);
    assertPassedUntouched(bytes);
  }
}
