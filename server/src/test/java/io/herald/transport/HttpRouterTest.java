package io.herald.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.node.Node;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HttpRouter} in an {@link EmbeddedChannel} over a real node and server API: health, the
 * page, 404 and 405, the API key, and the shape of API results; requests are always released.
 */
class HttpRouterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] PAGE = "<!doctype html><title>Herald</title>".getBytes(UTF_8);

  private Node node;
  private EmbeddedChannel channel;

  @BeforeEach
  void start() {
    node = TestNodes.node(TestNodes.config());
    channel = new EmbeddedChannel(new HttpRouter(TestRoutes.of(node, TestNodes.config(), PAGE)));
  }

  @AfterEach
  void finish() {
    assertThat(channel.<Object>readOutbound()).as("unread response").isNull();
    channel.finishAndReleaseAll();
  }

  private static FullHttpRequest request(HttpMethod method, String uri, String body) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, method, uri, Unpooled.copiedBuffer(body, UTF_8));
    request.headers().set(HttpHeaderNames.HOST, "localhost");
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length());
    return request;
  }

  private static FullHttpRequest api(String method, String key, String body) {
    FullHttpRequest request = request(HttpMethod.POST, "/api/" + method, body);
    if (key != null) {
      request.headers().set("X-API-Key", key);
    }
    return request;
  }

  /** Sends {@code request}, runs the loop's tasks, and returns the one response. */
  private Reply send(FullHttpRequest request) {
    channel.writeInbound(request);
    channel.runPendingTasks();
    assertThat(request.refCnt()).as("request released").isZero();
    FullHttpResponse response = channel.readOutbound();
    assertThat(response).as("a response").isNotNull();
    try {
      assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
          .isEqualTo(response.content().readableBytes());
      assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
      return new Reply(
          response.status().code(),
          response.headers().get(HttpHeaderNames.CONTENT_TYPE),
          response.headers().get(HttpHeaderNames.CONNECTION),
          response.content().toString(UTF_8));
    } finally {
      response.release();
    }
  }

  private record Reply(int status, String type, String connection, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/health?probe=k8s"})
  void health(String uri) {
    Reply reply = send(request(HttpMethod.GET, uri, ""));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.type()).isEqualTo("application/json");
    assertThat(reply.json()).isEqualTo(JSON.createObjectNode().put("status", "ok"));
    assertThat(reply.connection()).isEqualToIgnoringCase("keep-alive");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void page() {
    Reply reply = send(request(HttpMethod.GET, "/", ""));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.type()).isEqualTo("text/html; charset=utf-8");
    assertThat(reply.body()).isEqualTo(new String(PAGE, UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nope", "/healthz", "/api", "/index.html", "/connection/websocket"})
  void unknownPathIs404(String uri) {
    Reply reply = send(request(HttpMethod.GET, uri, ""));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.type()).startsWith("text/plain");
    assertThat(reply.body()).isEqualTo("not found\n");
  }

  @Test
  void postToThePageIs404() {
    assertThat(send(request(HttpMethod.POST, "/", "")).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "HEAD"})
  void apiWithoutPostIs405(String method) {
    Reply reply = send(request(HttpMethod.valueOf(method), "/api/info", ""));

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.json().get("error").get("code").intValue()).isEqualTo(107);
  }

  @Test
  void apiWithoutKeyIs401() {
    Reply reply = send(api("info", null, "{}"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.type()).isEqualTo("application/json");
    JsonNode error = reply.json().get("error");
    assertThat(error.get("code").intValue()).isEqualTo(101);
    assertThat(error.get("message").textValue()).isNotBlank();
  }

  @Test
  void apiWithWrongKeyIs401() {
    assertThat(send(api("info", TestNodes.API_KEY + "x", "{}")).status()).isEqualTo(401);
    assertThat(send(api("info", "", "{}")).status()).isEqualTo(401);
  }

  @Test
  void infoWithKey() {
    Reply reply = send(api("info", TestNodes.API_KEY, ""));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.type()).isEqualTo("application/json");
    JsonNode nodes = reply.json().get("result").get("nodes");
    assertThat(nodes).hasSize(1);
    JsonNode result = nodes.get(0);
    assertThat(result.get("uid").textValue()).isNotBlank();
    assertThat(result.get("name").textValue()).isEqualTo("test-node");
    assertThat(result.get("version").isTextual()).isTrue();
    assertThat(result.get("numClients").intValue()).isZero();
    assertThat(result.get("numUsers").intValue()).isZero();
    assertThat(result.get("numChannels").intValue()).isZero();
    assertThat(result.get("uptime").isIntegralNumber()).isTrue();
  }

  @Test
  void publishWithKey() {
    Reply reply =
        send(api("publish", TestNodes.API_KEY, "{\"channel\":\"news\",\"data\":{\"text\":\"hi\"}}"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).isEqualTo(JSON.createObjectNode().set("result", JSON.createObjectNode()));
  }

  @Test
  void unknownApiMethodIs404() {
    Reply reply = send(api("nope", TestNodes.API_KEY, "{}"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("error").get("code").intValue()).isEqualTo(-32601);
  }

  @Test
  void malformedApiBodyIs400() {
    Reply reply = send(api("publish", TestNodes.API_KEY, "{\"channel\":"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").get("code").intValue()).isEqualTo(-32700);
  }

  @Test
  void apiNumberBeyondRangeIs400NotAHang() {
    Reply reply = send(api("publish", TestNodes.API_KEY, "{\"channel\":\"c\",\"data\":1e9999999999}"));

    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void requestAskingToCloseClosesAfterTheResponse() {
    FullHttpRequest request = api("info", TestNodes.API_KEY, "");
    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);

    Reply reply = send(request);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void keepAliveServesSeveralRequests() {
    for (int i = 0; i < 3; i++) {
      assertThat(send(request(HttpMethod.GET, "/health", "")).status()).isEqualTo(200);
      assertThat(send(api("info", TestNodes.API_KEY, "")).status()).isEqualTo(200);
    }
    assertThat(channel.isOpen()).isTrue();
  }
}
