package io.herald.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.node.Node;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpRouter} serving a set of {@link WebAssets}: paths, content types, methods. */
class WebAssetsRouterTest {

  private EmbeddedChannel channel;

  @BeforeEach
  void start() {
    Node node = TestNodes.node(TestNodes.config());
    WebAssets assets = WebAssets.of(Map.of(
        "/", new WebAssets.Asset(WebAssets.contentType("index.html"), "<p>demo".getBytes(UTF_8)),
        "/sdk/herald.js",
        new WebAssets.Asset(WebAssets.contentType("herald.js"), "export {}".getBytes(UTF_8)),
        "/demo/style.css",
        new WebAssets.Asset(WebAssets.contentType("style.css"), "p{}".getBytes(UTF_8))));
    channel = new EmbeddedChannel(new HttpRouter(TestRoutes.of(node, TestNodes.config(), assets)));
  }

  @AfterEach
  void finish() {
    channel.finishAndReleaseAll();
  }

  private String[] get(HttpMethod method, String uri) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
    request.headers().set(HttpHeaderNames.HOST, "localhost");
    channel.writeInbound(request);
    channel.runPendingTasks();
    FullHttpResponse response = channel.readOutbound();
    try {
      return new String[] {
        String.valueOf(response.status().code()),
        response.headers().get(HttpHeaderNames.CONTENT_TYPE),
        response.content().toString(UTF_8)
      };
    } finally {
      response.release();
    }
  }

  @Test
  void servesEachAssetWithItsType() {
    assertThat(get(HttpMethod.GET, "/")).containsExactly("200", "text/html; charset=utf-8", "<p>demo");
    assertThat(get(HttpMethod.GET, "/sdk/herald.js?v=1"))
        .containsExactly("200", "text/javascript; charset=utf-8", "export {}");
    assertThat(get(HttpMethod.GET, "/demo/style.css"))
        .containsExactly("200", "text/css; charset=utf-8", "p{}");
  }

  @Test
  void unknownPathsAndOtherMethodsAre404() {
    assertThat(get(HttpMethod.GET, "/sdk/other.js")[0]).isEqualTo("404");
    assertThat(get(HttpMethod.GET, "/sdk/../sdk/herald.js")[0]).isEqualTo("404");
    assertThat(get(HttpMethod.GET, "/index.html")[0]).isEqualTo("404");
    assertThat(get(HttpMethod.POST, "/sdk/herald.js")[0]).isEqualTo("404");
  }

  @Test
  void contentTypes() {
    assertThat(WebAssets.contentType("a.MAP")).isEqualTo("application/json");
    assertThat(WebAssets.contentType("logo.svg")).isEqualTo("image/svg+xml");
    assertThat(WebAssets.contentType("README")).isEqualTo("application/octet-stream");
  }
}
