package io.herald.protocol.jsonrpc;

import io.herald.json.Json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Unsubscribe;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonRpcEncoder}: every frame parses back with Jackson to the shapes of DESIGN.md section
 * 3, raw ids and payloads are copied verbatim, and text is escaped.
 */
class JsonRpcEncoderTest {

  private static final ObjectMapper JSON = Json.mapper(1000);

  private final JsonRpcEncoder encoder = new JsonRpcEncoder();

  private static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + new String(bytes, UTF_8), e);
    }
  }

  private static JsonNode parse(Frame frame) {
    return parse(frame.bytes());
  }

  private static JsonNode json(String text) {
    return parse(text.getBytes(UTF_8));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Nested
  class Responses {

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "7", "null", "-1.5", "\"\u00e9\\\"\"", "12345678901234567890"})
    void rawIdIsEchoedVerbatim(String rawId) {
      byte[] out = encoder.response(new RequestId(rawId), Result.Empty.INSTANCE);

      assertThat(text(out)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":" + rawId + "}");
      assertThat(parse(out).get("id")).isEqualTo(json(rawId));
    }

    @Test
    void connectResultWithoutExpiry() {
      JsonNode out =
          parse(
              encoder.response(
                  new RequestId("1"),
                  new Result.Connect("c-1", "", false, 0, 25, true, Map.of(), Map.of())));

      assertThat(out)
          .isEqualTo(
              json(
                  "{\"jsonrpc\":\"2.0\",\"result\":{\"client\":\"c-1\",\"user\":\"\",\"ping\":25,"
                      + "\"pong\":true},\"id\":1}"));
      assertThat(fieldNames(out)).containsExactly("jsonrpc", "result", "id");
    }

    @Test
    void connectResultSaysWhetherMessagesAreCoalescedWhenAsked() {
      for (boolean on : new boolean[] {true, false}) {
        JsonNode out = parse(encoder.response(new RequestId("1"),
            new Result.Connect("c-1", "", false, 0, 25, true, Map.of(), Map.of(), on)));
        assertThat(out.path("result").path("batch").isBoolean()).isTrue();
        assertThat(out.path("result").path("batch").booleanValue()).isEqualTo(on);
      }
    }

    @Test
    void connectResultWithExpiryAndSubs() {
      Map<String, Result.Subscribe> subs = new LinkedHashMap<>();
      subs.put("news", Result.Subscribe.PLAIN);
      subs.put("tasks#42", new Result.Subscribe(
          true, new StreamPosition(7, "e1"), false, false, List.of()));
      Map<String, Result.SubscribeError> errors =
          Map.of("secret:x", new Result.SubscribeError(103, "permission denied"));

      JsonNode out =
          parse(
              encoder.response(
                  new RequestId("\"a\""),
                  new Result.Connect("c-2", "42", true, 3600, 25, true, subs, errors)));

      assertThat(out)
          .isEqualTo(
              json(
                  "{\"jsonrpc\":\"2.0\",\"result\":{\"client\":\"c-2\",\"user\":\"42\","
                      + "\"expires\":true,\"ttl\":3600,\"ping\":25,\"pong\":true,"
                      + "\"subs\":{\"news\":{\"recoverable\":false},"
                      + "\"tasks#42\":{\"recoverable\":true,\"offset\":7,\"epoch\":\"e1\"},"
                      + "\"secret:x\":{\"error\":{\"code\":103,"
                      + "\"message\":\"permission denied\"}}}},\"id\":\"a\"}"));
      assertThat(fieldNames(out.get("result").get("subs")))
          .containsExactly("news", "tasks#42", "secret:x");
    }

    @Test
    void subscribeAndRefreshResults() {
      Result.Subscribe recovered = new Result.Subscribe(true, new StreamPosition(12, "ep"), true,
          true, List.of(new Publication(12, "{\"n\":1}".getBytes(UTF_8), null)));
      assertThat(parse(encoder.response(new RequestId("2"), recovered)))
          .isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":{\"recoverable\":true,"
              + "\"offset\":12,\"epoch\":\"ep\",\"wasRecovering\":true,\"recovered\":true,"
              + "\"publications\":[{\"offset\":12,\"data\":{\"n\":1}}]},\"id\":2}"));
      assertThat(parse(encoder.response(new RequestId("3"), new Result.Refresh(true, 60))))
          .isEqualTo(
              json("{\"jsonrpc\":\"2.0\",\"result\":{\"expires\":true,\"ttl\":60},\"id\":3}"));
      assertThat(parse(encoder.response(new RequestId("4"), new Result.Refresh(false, 0))))
          .isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":{\"expires\":false},\"id\":4}"));
    }

    @Test
    void errorShape() {
      byte[] out = encoder.error(new RequestId("7"), RpcError.METHOD_NOT_FOUND);

      assertThat(text(out))
          .isEqualTo(
              "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"method not found\"},"
                  + "\"id\":7}");
    }

    @Test
    void errorWithNullIdAndHeraldCode() {
      JsonNode out = parse(encoder.error(RequestId.NULL, RpcError.UNKNOWN_CHANNEL));

      assertThat(out)
          .isEqualTo(
              json(
                  "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":102,\"message\":\"unknown channel\"},"
                      + "\"id\":null}"));
      assertThat(out.get("id").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "quote \" backslash \\ slash /",
          "control \u0000 \u0001 \u001f \n \r \t \b \f",
          "unicode caf\u00e9 \u2603 \ud83d\ude00 \u2028 \u2029",
          "lone \ud800 surrogate",
          "</script><!--"
        })
    void errorMessagesAreEscaped(String message) {
      JsonNode out = parse(encoder.error(new RequestId("1"), new RpcError(107, message)));

      assertThat(out.get("error").get("message").textValue()).isEqualTo(message);
    }
  }

  @Nested
  class Batches {

    private final byte[] a = encoder.response(new RequestId("1"), Result.Empty.INSTANCE);
    private final byte[] b = encoder.error(new RequestId("\"x\""), RpcError.INVALID_PARAMS);
    private final byte[] c = encoder.error(RequestId.NULL, RpcError.INVALID_REQUEST);

    @Test
    void singleResponseIsFramedAsIs() {
      Frame frame = encoder.frame(List.of(a), false);

      assertThat(frame.bytes()).isEqualTo(a);
    }

    @Test
    void batchOfOneIsAnArray() {
      assertThat(frame(List.of(a), true)).isEqualTo("[" + text(a) + "]");
    }

    @Test
    void batchOfThreeIsAnArrayInOrder() {
      String out = frame(List.of(a, b, c), true);

      assertThat(out).isEqualTo("[" + text(a) + "," + text(b) + "," + text(c) + "]");
      JsonNode parsed = json(out);
      assertThat(parsed.isArray()).isTrue();
      assertThat(parsed).hasSize(3);
      assertThat(parsed.get(0).get("id").intValue()).isEqualTo(1);
      assertThat(parsed.get(1).get("error").get("code").intValue()).isEqualTo(-32602);
      assertThat(parsed.get(2).get("id").isNull()).isTrue();
    }

    @Test
    void severalResponsesOfANonBatchFrameAreStillAnArray() {
      assertThat(json(frame(List.of(a, b), false))).hasSize(2);
    }

    private String frame(List<byte[]> responses, boolean batch) {
      return encoder.frame(responses, batch).toString();
    }
  }

  @Nested
  class Notifications {

    @Test
    void publicationWithoutOffsetOrInfo() {
      Frame frame =
          encoder.publication("news", new Publication(0, "{\"text\":\"hi\"}".getBytes(UTF_8), null));

      assertThat(frame.toString())
          .isEqualTo(
              "{\"jsonrpc\":\"2.0\",\"method\":\"publication\","
                  + "\"params\":{\"channel\":\"news\",\"data\":{\"text\":\"hi\"}}}");
    }

    @Test
    void publicationWithOffsetAndInfo() {
      ClientInfo info =
          new ClientInfo(
              "42", "c-1", "{\"name\":\"Ann\"}".getBytes(UTF_8), "[\"admin\"]".getBytes(UTF_8));

      JsonNode out =
          parse(encoder.publication("chat:room", new Publication(17, "[1,2]".getBytes(UTF_8), info)));

      assertThat(out)
          .isEqualTo(
              json(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"publication\",\"params\":{"
                      + "\"channel\":\"chat:room\",\"offset\":17,\"data\":[1,2],"
                      + "\"info\":{\"client\":\"c-1\",\"user\":\"42\","
                      + "\"info\":{\"name\":\"Ann\"},\"chanInfo\":[\"admin\"]}}}"));
    }

    @Test
    void publicationInfoWithoutTokenInfo() {
      JsonNode out =
          parse(
              encoder.publication(
                  "c", new Publication(0, "1".getBytes(UTF_8), new ClientInfo("", "c-9", null, null))));

      assertThat(out.get("params").get("info"))
          .isEqualTo(json("{\"user\":\"\",\"client\":\"c-9\"}"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "null", "true", "false", "0", "-7", "1.50", "1E+400", "123456789012345678901234567890",
          "\"\"", "\"caf\u00e9 \\u0000 \\\" \\\\ \ud83d\ude00\"", "[]", "{}",
          "{\"a\":[1,{\"b\":null}],\"c\":\"\\ud800\"}"
        })
    void publicationDataIsCopiedVerbatim(String data) {
      Frame frame = encoder.publication("c", new Publication(0, data.getBytes(UTF_8), null));

      assertThat(frame.toString())
          .isEqualTo(
              "{\"jsonrpc\":\"2.0\",\"method\":\"publication\",\"params\":{\"channel\":\"c\",\"data\":"
                  + data + "}}");
      assertThat(parse(frame).get("params").get("data")).isEqualTo(json(data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "back\\slash", "caf\u00e9", "\ud83d\ude00", "line\nbreak", "\u0000"})
    void channelNamesAreEscaped(String channel) {
      JsonNode out = parse(encoder.publication(channel, new Publication(0, "1".getBytes(UTF_8), null)));

      assertThat(out.get("params").get("channel").textValue()).isEqualTo(channel);
    }

    @Test
    void ping() {
      assertThat(encoder.ping().toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
      assertThat(encoder.ping()).isSameAs(encoder.ping());
    }

    @ParameterizedTest
    @CsvSource({
      "3000, connection closed, true",
      "3008, slow, true",
      "3500, invalid token, false",
      "3999, x, false",
      "4000, app, true",
      "4499, app, true",
      "4500, app, false"
    })
    void disconnect(int code, String reason, boolean reconnect) {
      JsonNode out = parse(encoder.disconnect(new Disconnect(code, reason)));

      assertThat(out)
          .isEqualTo(
              json(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"disconnect\",\"params\":{\"code\":" + code
                      + ",\"reason\":\"" + reason + "\",\"reconnect\":" + reconnect + "}}"));
      assertThat(fieldNames(out.get("params"))).containsExactly("code", "reason", "reconnect");
    }

    @Test
    void disconnectReasonWithUnicodeAndQuotes() {
      String reason = "bye \"friend\" \u2603\n";

      JsonNode out = parse(encoder.disconnect(new Disconnect(4001, reason)));

      assertThat(out.get("params").get("reason").textValue()).isEqualTo(reason);
    }

    @Test
    void serverSideSubscribe() {
      assertThat(encoder.subscribed("tasks#42", Result.Subscribe.PLAIN).toString())
          .isEqualTo(
              "{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\","
                  + "\"params\":{\"channel\":\"tasks#42\",\"recoverable\":false}}");
    }

    @Test
    void serverSideUnsubscribe() {
      JsonNode out = parse(encoder.unsubscribed("news", Unsubscribe.INSUFFICIENT_STATE));

      assertThat(out)
          .isEqualTo(
              json(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"unsubscribe\",\"params\":{\"channel\":\"news\","
                      + "\"code\":2500,\"reason\":\"insufficient state\"}}"));
    }

    @Test
    void notificationsHaveNoId() {
      List<Frame> frames =
          List.of(
              encoder.ping(),
              encoder.disconnect(Disconnect.SHUTDOWN),
              encoder.subscribed("c", Result.Subscribe.PLAIN),
              encoder.join("c", new ClientInfo("u", "c1", null, null)),
              encoder.leave("c", new ClientInfo("u", "c1", null, null)),
              encoder.unsubscribed("c", Unsubscribe.SERVER),
              encoder.publication("c", new Publication(1, "{}".getBytes(UTF_8), null)));

      for (Frame frame : frames) {
        JsonNode out = parse(frame);
        assertThat(out.has("id")).as("%s", frame).isFalse();
        assertThat(out.get("jsonrpc").textValue()).isEqualTo("2.0");
        assertThat(out.get("method").isTextual()).isTrue();
      }
    }
  }

  @Test
  void decodedPublishDataRoundTripsIntoThePublication() {
    JsonRpcDecoder decoder = new JsonRpcDecoder(64, 100);
    String data = "{\"n\":[1e400,3.141592653589793238462643383279,-0.0,1.0],\"s\":\"\\ud83d\\ude00\"}";
    var item =
        decoder
            .decode(
                ("{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"c\",\"data\":"
                        + data + "},\"id\":1}")
                    .getBytes(UTF_8))
            .items()
            .get(0);
    byte[] decoded =
        ((io.herald.node.protocol.PublishCommand) ((io.herald.node.protocol.Incoming.Call) item).command())
            .data();

    JsonNode out = parse(encoder.publication("c", new Publication(0, decoded, null)));

    JsonNode expected = json(data);
    JsonNode actual = out.get("params").get("data");
    assertThat(actual.get("s")).isEqualTo(expected.get("s"));
    for (int i = 0; i < 4; i++) {
      assertThat(actual.get("n").get(i).decimalValue())
          .isEqualByComparingTo(expected.get("n").get(i).decimalValue());
    }
  }
}
