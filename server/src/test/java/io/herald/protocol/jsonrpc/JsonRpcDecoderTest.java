package io.herald.protocol.jsonrpc;

import io.herald.json.Json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.node.protocol.Command;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.protocol.DecodedFrame;
import io.herald.node.protocol.Incoming;
import io.herald.node.protocol.PongCommand;
import io.herald.node.protocol.PublishCommand;
import io.herald.node.protocol.RefreshCommand;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.SubscribeCommand;
import io.herald.node.protocol.UnsubscribeCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonRpcDecoder}: the examples of JSON-RPC 2.0 section 7 adapted to Herald's methods, then
 * ids, envelope fields, params of each method, payload preservation and the limits.
 */
class JsonRpcDecoderTest {

  /** The RequestId of a request whose id could not be read, or of a parse error. */
  private static final RequestId NULL_ID = RequestId.NULL;

  private static final ObjectMapper EXACT = Json.mapper(1000);

  private final JsonRpcDecoder decoder = new JsonRpcDecoder(64, 100);

  private DecodedFrame decode(String frame) {
    return decoder.decode(frame.getBytes(UTF_8));
  }

  private static Incoming.Invalid invalid(Incoming item, int code) {
    assertThat(item).isInstanceOf(Incoming.Invalid.class);
    Incoming.Invalid invalid = (Incoming.Invalid) item;
    assertThat(invalid.error().code()).as("error code of %s", invalid).isEqualTo(code);
    return invalid;
  }

  private static Incoming.Call call(Incoming item) {
    assertThat(item).isInstanceOf(Incoming.Call.class);
    return (Incoming.Call) item;
  }

  /** A single (non-batch) frame holding exactly one error with {@code code} for {@code id}. */
  private static Incoming.Invalid singleError(DecodedFrame frame, int code, RequestId id) {
    assertThat(frame.batch()).isFalse();
    assertThat(frame.items()).hasSize(1);
    Incoming.Invalid invalid = invalid(frame.items().get(0), code);
    assertThat(invalid.id()).isEqualTo(id);
    return invalid;
  }

  private Command singleCall(String frame, RequestId id) {
    DecodedFrame decoded = decode(frame);
    assertThat(decoded.batch()).isFalse();
    assertThat(decoded.items()).hasSize(1);
    Incoming.Call call = call(decoded.items().get(0));
    assertThat(call.id()).isEqualTo(id);
    return call.command();
  }

  private static RequestId id(String json) {
    return new RequestId(json);
  }

  /** JSON-RPC 2.0 specification, section 7, each example with "sum"/"subtract" unknown here. */
  @Nested
  class SpecificationExamples {

    @Test
    void positionalParamsOfAnUnknownMethodIsMethodNotFound() {
      singleError(
          decode("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}"),
          -32601,
          id("1"));
      singleError(
          decode("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}"),
          -32601,
          id("2"));
    }

    @Test
    void namedParamsOfAnUnknownMethodIsMethodNotFound() {
      singleError(
          decode(
              "{\"jsonrpc\": \"2.0\", \"method\": \"subtract\","
                  + " \"params\": {\"subtrahend\": 23, \"minuend\": 42}, \"id\": 3}"),
          -32601,
          id("3"));
      singleError(
          decode(
              "{\"jsonrpc\": \"2.0\", \"method\": \"subtract\","
                  + " \"params\": {\"minuend\": 42, \"subtrahend\": 23}, \"id\": 4}"),
          -32601,
          id("4"));
    }

    @Test
    void notificationsOfUnknownMethodsAreNotAnswered() {
      Incoming update =
          decode("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}")
              .items()
              .get(0);
      Incoming foobar = decode("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}").items().get(0);

      assertThat(invalid(update, -32601).id()).isNull();
      assertThat(invalid(foobar, -32601).id()).isNull();
    }

    @Test
    void nonExistentMethod() {
      Incoming.Invalid error =
          singleError(
              decode("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}"),
              -32601,
              id("\"1\""));
      assertThat(error.error().message()).contains("foobar");
    }

    @Test
    void invalidJson() {
      singleError(
          decode("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]"),
          -32700,
          NULL_ID);
    }

    @Test
    void invalidRequestObject() {
      singleError(decode("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}"), -32600, NULL_ID);
    }

    @Test
    void batchWithInvalidJson() {
      singleError(
          decode(
              "[\n  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\"\n]"),
          -32700,
          NULL_ID);
    }

    @Test
    void emptyArrayIsOneInvalidRequestNotAnArray() {
      singleError(decode("[]"), -32600, NULL_ID);
    }

    @Test
    void batchOfOneNonObject() {
      DecodedFrame frame = decode("[1]");

      assertThat(frame.batch()).isTrue();
      assertThat(frame.items()).hasSize(1);
      assertThat(invalid(frame.items().get(0), -32600).id()).isEqualTo(NULL_ID);
    }

    @Test
    void batchOfThreeNonObjects() {
      DecodedFrame frame = decode("[1,2,3]");

      assertThat(frame.batch()).isTrue();
      assertThat(frame.items()).hasSize(3);
      frame.items().forEach(item -> assertThat(invalid(item, -32600).id()).isEqualTo(NULL_ID));
    }

    @Test
    void mixedBatch() {
      DecodedFrame frame =
          decode(
              "[\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42,23], \"id\": \"2\"},\n"
                  + "  {\"foo\": \"boo\"},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"foo.get\", \"params\": {\"name\": \"myself\"},"
                  + " \"id\": \"5\"},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"get_data\", \"id\": \"9\"},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"pong\", \"id\": 10}\n"
                  + "]");

      assertThat(frame.batch()).isTrue();
      List<Incoming> items = frame.items();
      assertThat(items).hasSize(7);
      assertThat(invalid(items.get(0), -32601).id()).isEqualTo(id("\"1\""));
      assertThat(invalid(items.get(1), -32601).id()).isNull();
      assertThat(invalid(items.get(2), -32601).id()).isEqualTo(id("\"2\""));
      assertThat(invalid(items.get(3), -32600).id()).isEqualTo(NULL_ID);
      assertThat(invalid(items.get(4), -32601).id()).isEqualTo(id("\"5\""));
      assertThat(invalid(items.get(5), -32601).id()).isEqualTo(id("\"9\""));
      assertThat(call(items.get(6)).command()).isEqualTo(PongCommand.INSTANCE);
      assertThat(items.get(6).id()).isEqualTo(id("10"));
    }

    @Test
    void batchOfNotificationsHasNothingToAnswer() {
      DecodedFrame frame =
          decode(
              "[\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"notify_sum\", \"params\": [1,2,4]},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]},\n"
                  + "  {\"jsonrpc\": \"2.0\", \"method\": \"pong\"}\n"
                  + "]");

      assertThat(frame.batch()).isTrue();
      assertThat(frame.items()).hasSize(3).allSatisfy(item -> assertThat(item.id()).isNull());
    }
  }

  @Nested
  class Ids {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "\"abc\"", "\"\"", "7", "0", "-3", "12345678901234567890123", "1.5", "null",
          "\"caf\u00e9 \u2603 \ud83d\ude00\""
        })
    void stringNumberAndNullIdsAreKeptAsRawJson(String rawId) {
      Command command =
          singleCall("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":" + rawId + "}", id(rawId));

      assertThat(command).isEqualTo(PongCommand.INSTANCE);
    }

    @Test
    void nullIdIsARequestNotANotification() {
      Incoming item = decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":null}").items().get(0);

      assertThat(item.id()).isEqualTo(NULL_ID);
    }

    @Test
    void escapedIdsAreEchoedAsTheSameJsonValue() throws Exception {
      String raw = "\"q\\\"b\\\\s\\/n\\n\\u0001\\u00e9\\ud83d\\ude00\"";
      Incoming item = decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":" + raw + "}").items().get(0);

      assertThat(EXACT.readTree(item.id().json())).isEqualTo(EXACT.readTree(raw));
    }

    @Test
    void loneSurrogateIdStaysWritable() throws Exception {
      Incoming item =
          decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":\"a\\ud800b\"}").items().get(0);

      assertThat(EXACT.readTree(item.id().json()).textValue()).isEqualTo("a\ud800b");
      byte[] response = new JsonRpcEncoder().response(item.id(), io.herald.node.protocol.Result.Empty.INSTANCE);
      assertThat(EXACT.readTree(response).get("id").textValue()).isEqualTo("a\ud800b");
    }

    @Test
    void numericIdsKeepTheirValue() throws Exception {
      for (String raw : List.of("1e400", "1E2", "1.0", "-0.5", "3.141592653589793238462643383279")) {
        Incoming item =
            decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":" + raw + "}").items().get(0);
        JsonNode echoed = EXACT.readTree(item.id().json());
        assertThat(echoed.isNumber()).as("id %s echoed as %s", raw, item.id().json()).isTrue();
        assertThat(echoed.decimalValue()).isEqualByComparingTo(new java.math.BigDecimal(raw));
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":1}", "[]", "[1]", "true", "false"})
    void objectArrayAndBooleanIdsAreInvalidRequests(String rawId) {
      singleError(
          decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":" + rawId + "}"), -32600, NULL_ID);
    }

    @Test
    void absentIdIsANotification() {
      Incoming.Call call = call(decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}").items().get(0));

      assertThat(call.id()).isNull();
    }
  }

  @Nested
  class Envelope {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"method\":\"pong\",\"id\":1}",
          "{\"jsonrpc\":\"1.0\",\"method\":\"pong\",\"id\":1}",
          "{\"jsonrpc\":2.0,\"method\":\"pong\",\"id\":1}",
          "{\"jsonrpc\":\"2\",\"method\":\"pong\",\"id\":1}",
          "{\"jsonrpc\":null,\"method\":\"pong\",\"id\":1}",
          "{\"jsonrpc\":\"2.0 \",\"method\":\"pong\",\"id\":1}",
          "{\"jsonrpc\":\"2.0\",\"id\":1}",
          "{\"jsonrpc\":\"2.0\",\"method\":null,\"id\":1}",
          "{\"jsonrpc\":\"2.0\",\"method\":[\"pong\"],\"id\":1}",
          "{\"jsonrpc\":\"2.0\",\"method\":{},\"id\":1}"
        })
    void missingOrWrongJsonrpcOrMethodIsInvalidRequestWithTheId(String frame) {
      singleError(decode(frame), -32600, id("1"));
    }

    @Test
    void invalidNotificationIsAnsweredWithNullId() {
      singleError(decode("{\"jsonrpc\":\"1.0\",\"method\":\"pong\"}"), -32600, NULL_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"x\"", "1", "true", "{}", "[]", "[{}]"})
    void topLevelNonObjects(String frame) {
      DecodedFrame decoded = decode(frame);

      assertThat(decoded.items()).hasSize(1);
      assertThat(invalid(decoded.items().get(0), -32600).id()).isEqualTo(NULL_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"bar\"", "5", "true", "null"})
    void scalarParamsAreInvalidRequest(String params) {
      singleError(
          decode("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":" + params + ",\"id\":9}"),
          -32600,
          id("9"));
    }

    @Test
    void arrayParamsOfAKnownMethodAreInvalidParams() {
      singleError(
          decode("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":[\"news\"],\"id\":9}"),
          -32602,
          id("9"));
      Incoming notification =
          decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"params\":[]}").items().get(0);
      assertThat(invalid(notification, -32602).id()).isNull();
    }

    @Test
    void methodNamesAreCaseSensitive() {
      singleError(decode("{\"jsonrpc\":\"2.0\",\"method\":\"Connect\",\"id\":1}"), -32601, id("1"));
      singleError(decode("{\"jsonrpc\":\"2.0\",\"method\":\"\",\"id\":1}"), -32601, id("1"));
    }

    @Test
    void unknownFieldsAreIgnored() {
      Command command =
          singleCall(
              "{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"extra\":{\"x\":[1]},"
                  + "\"params\":{\"channel\":\"news\",\"later\":true,\"more\":5},\"id\":1}",
              id("1"));

      assertThat(command).isEqualTo(new SubscribeCommand("news", null));
    }

    @Test
    void duplicateKeysKeepTheLastValue() {
      Command command =
          singleCall(
              "{\"jsonrpc\":\"2.0\",\"method\":\"unsubscribe\","
                  + "\"params\":{\"channel\":\"a\",\"channel\":\"b\"},\"id\":1}",
              id("1"));

      assertThat(command).isEqualTo(new UnsubscribeCommand("b"));
    }

    @Test
    void fieldOrderDoesNotMatter() {
      Command command =
          singleCall(
              "{\"id\":\"x\",\"params\":{\"token\":\"t\"},\"method\":\"refresh\",\"jsonrpc\":\"2.0\"}",
              id("\"x\""));

      assertThat(command).isEqualTo(new RefreshCommand("t"));
    }
  }

  @Nested
  class Methods {

    @Test
    void connectWithEveryField() {
      Command command =
          singleCall(
              "{\"jsonrpc\":\"2.0\",\"method\":\"connect\","
                  + "\"params\":{\"token\":\"jwt\",\"name\":\"js\",\"version\":\"1.2\","
                  + "\"subs\":{\"news\":{\"recover\":true,\"epoch\":\"e1\"}}},\"id\":1}",
              id("1"));

      assertThat(command).isEqualTo(new ConnectCommand("jwt", "js", "1.2",
          Map.of("news", new SubscribeCommand("news", null, true, 0, "e1", false))));
    }

    @Test
    void connectWithoutParamsOrWithNulls() {
      assertThat(singleCall("{\"jsonrpc\":\"2.0\",\"method\":\"connect\",\"id\":1}", id("1")))
          .isEqualTo(new ConnectCommand(null, null, null));
      assertThat(
              singleCall(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"connect\","
                      + "\"params\":{\"token\":null,\"name\":null},\"id\":1}",
                  id("1")))
          .isEqualTo(new ConnectCommand(null, null, null));
    }

    @Test
    void connectAsksForCoalescedMessages() {
      assertThat(singleCall("{\"jsonrpc\":\"2.0\",\"method\":\"connect\","
              + "\"params\":{\"batch\":true},\"id\":1}", id("1")))
          .isEqualTo(new ConnectCommand(null, null, null, Map.of(), null, true));
      assertThat(singleCall("{\"jsonrpc\":\"2.0\",\"method\":\"connect\","
              + "\"params\":{\"batch\":false},\"id\":1}", id("1")))
          .isEqualTo(new ConnectCommand(null, null, null));
    }

    @Test
    void subscribeUnsubscribePublishRefreshPong() {
      assertThat(
              singleCall(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\","
                      + "\"params\":{\"channel\":\"$chat:room#42\",\"token\":\"sub\"},\"id\":2}",
                  id("2")))
          .isEqualTo(new SubscribeCommand("$chat:room#42", "sub"));
      assertThat(
              singleCall(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"unsubscribe\",\"params\":{\"channel\":\"c\"},\"id\":3}",
                  id("3")))
          .isEqualTo(new UnsubscribeCommand("c"));
      assertThat(
              singleCall(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"refresh\",\"params\":{\"token\":\"t2\"},\"id\":4}",
                  id("4")))
          .isEqualTo(new RefreshCommand("t2"));
      assertThat(singleCall("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"params\":{\"x\":1},\"id\":5}", id("5")))
          .isEqualTo(PongCommand.INSTANCE);
      PublishCommand publish =
          (PublishCommand)
              singleCall(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"publish\","
                      + "\"params\":{\"channel\":\"c\",\"data\":{\"text\":\"hi\"}},\"id\":6}",
                  id("6"));
      assertThat(publish.channel()).isEqualTo("c");
      assertThat(new String(publish.data(), UTF_8)).isEqualTo("{\"text\":\"hi\"}");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "connect     | {\"token\":5}                        | token",
          "connect     | {\"token\":{}}                       | token",
          "connect     | {\"name\":true}                      | name",
          "connect     | {\"version\":[\"1\"]}                | version",
          "subscribe   | {\"channel\":5}                      | channel",
          "subscribe   | {\"channel\":null}                   | channel",
          "subscribe   | {}                                   | channel",
          "subscribe   | {\"channel\":\"c\",\"token\":1.5}    | token",
          "unsubscribe | {\"channel\":[]}                     | channel",
          "unsubscribe | {}                                   | channel",
          "publish     | {\"channel\":false,\"data\":1}       | channel",
          "publish     | {\"data\":1}                         | channel",
          "publish     | {\"channel\":\"c\"}                  | data",
          "refresh     | {}                                   | token",
          "refresh     | {\"token\":7}                        | token",
          "connect     | {\"batch\":\"yes\"}                    | batch",
        })
    void wrongParamTypesAreInvalidParamsNamingTheField(String method, String params, String field) {
      Incoming.Invalid error =
          singleError(
              decode(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params
                      + ",\"id\":\"r\"}"),
              -32602,
              id("\"r\""));

      assertThat(error.error().message()).contains(field);
    }

    @Test
    void publishWithoutParamsIsInvalidParams() {
      singleError(decode("{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"id\":1}"), -32602, id("1"));
    }

    @Test
    void invalidParamsOfANotificationAreNotAnswered() {
      Incoming item =
          decode("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"channel\":5}}")
              .items()
              .get(0);

      assertThat(invalid(item, -32602).id()).isNull();
    }
  }

  @Nested
  class Data {

    private byte[] publishedData(String data) {
      PublishCommand publish =
          (PublishCommand)
              singleCall(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"c\",\"data\":"
                      + data + "},\"id\":1}",
                  id("1"));
      return publish.data();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "null", "true", "false", "0", "-1", "42", "9223372036854775807",
          "123456789012345678901234567890", "1.5", "-0.25", "1.0", "1.50",
          "3.141592653589793238462643383279", "\"\"", "\"text\"", "[]", "{}",
          "[1,\"a\",null,true,{\"b\":[]}]", "{\"a\":{\"b\":{\"c\":[1,[2,[3]]]}},\"d\":false}",
          "\"caf\u00e9 \u2603\""
        })
    void compactDataIsKeptByteForByte(String data) {
      assertThat(new String(publishedData(data), UTF_8)).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "1e400", "-1E-400", "1E2", "2.5e-3", " { \"a\" : [ 1 , 2 ] } ",
          "\"\\u00e9\\n\\t\\\"\\\\\\/\\u0000\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udfff x\"",
          "{\"\\u0000key\":\"\\u2028\"}"
        })
    void otherDataIsKeptAsTheSameJsonValue(String data) throws Exception {
      byte[] out = publishedData(data);

      assertThat(EXACT.readTree(out)).isEqualTo(EXACT.readTree(data));
    }

    @Test
    void loneSurrogateEscapeInAKeyIsAParseError() {
      // Jackson accepts an escaped lone surrogate in a value but refuses it in a field name.
      singleError(
          decode(
              "{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"c\","
                  + "\"data\":{\"\\ud800\":1}},\"id\":1}"),
          -32700,
          NULL_ID);
    }

    @Test
    void hugeStringsAreAccepted() {
      String big = "x".repeat(1 << 20);

      assertThat(publishedData("\"" + big + "\"")).hasSize(big.length() + 2);
    }

    @Test
    void hugeMethodNameIsClippedInTheError() {
      String method = "m".repeat(100_000);
      Incoming.Invalid error =
          singleError(
              decode("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"id\":1}"), -32601, id("1"));

      assertThat(error.error().message().length()).isLessThan(100);
    }
  }

  @Nested
  class Limits {

    @Test
    void nestingUpToMaxDepthIsAcceptedAndDeeperIsAParseError() {
      JsonRpcDecoder shallow = new JsonRpcDecoder(4, 100);
      // object (1) > params (2) > data (3) > [] (4)
      String atLimit =
          "{\"jsonrpc\":\"2.0\",\"method\":\"publish\",\"params\":{\"channel\":\"c\",\"data\":[[]]},\"id\":1}";
      String overLimit = atLimit.replace("[[]]", "[[[]]]");

      assertThat(shallow.decode(atLimit.getBytes(UTF_8)).items().get(0))
          .isInstanceOf(Incoming.Call.class);
      singleError(shallow.decode(overLimit.getBytes(UTF_8)), -32700, NULL_ID);
      singleError(shallow.decode("[[[[[]]]]]".getBytes(UTF_8)), -32700, NULL_ID);
    }

    @Test
    void defaultDepthRefusesDeepNestingWithoutStackOverflow() {
      String deep = "[".repeat(100_000) + "]".repeat(100_000);

      singleError(decode(deep), -32700, NULL_ID);
    }

    @Test
    void batchUpToMaxSizeIsDecodedAndLargerIsOneInvalidRequest() {
      JsonRpcDecoder small = new JsonRpcDecoder(64, 3);
      String pong = "{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}";

      DecodedFrame three = small.decode(("[" + pong + "," + pong + "," + pong + "]").getBytes(UTF_8));
      DecodedFrame four =
          small.decode(("[" + pong + "," + pong + "," + pong + "," + pong + "]").getBytes(UTF_8));

      assertThat(three.batch()).isTrue();
      assertThat(three.items()).hasSize(3).allMatch(Incoming.Call.class::isInstance);
      singleError(four, -32600, NULL_ID);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":1}x",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":1} {}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":1}]",
          "[{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}] []",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",}",
          "{'jsonrpc':'2.0','method':'pong'}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\" /* c */}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":NaN}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":01}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":\"a\tb\"}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":\"\\x\"}",
          "{",
          "}",
          "\"unterminated"
        })
    void malformedOrTrailingContentIsAParseError(String frame) {
      singleError(decode(frame), -32700, NULL_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483650", "-100000e2147483649", "1e-2147483649", "0.1e99999999999"})
    void numbersBeyondBigDecimalAreAParseError(String number) {
      singleError(
          decode("{\"jsonrpc\":\"2.0\",\"method\":\"pong\",\"id\":" + number + "}"), -32700, NULL_ID);
      singleError(
          decode(
              "{\"jsonrpc\":\"2.0\",\"method\":\"publish\","
                  + "\"params\":{\"channel\":\"c\",\"data\":[" + number + "]},\"id\":1}"),
          -32700,
          NULL_ID);
    }

    @Test
    void trailingWhitespaceIsFine() {
      assertThat(decode(" \n{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}\r\n\t ").items().get(0))
          .isInstanceOf(Incoming.Call.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\r\t "})
    void emptyFrameIsAParseError(String frame) {
      singleError(decode(frame), -32700, NULL_ID);
    }

    @Test
    void invalidUtf8IsAParseError() {
      byte[][] frames = {
        {(byte) 0xff},
        {(byte) 0xc3},
        {'"', (byte) 0xc3, '"'},
        {'"', (byte) 0xe2, (byte) 0x82, '"'},
        {'"', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, '"'},
        {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
        {'"', (byte) 0x80, '"'},
        {'{', '"', 'a', '"', ':', (byte) 0xfe, '}'},
      };
      for (byte[] frame : frames) {
        singleError(decoder.decode(frame), -32700, NULL_ID);
      }
    }

    @Test
    void noSingleOrDoubleByteFrameThrows() {
      for (int a = 0; a < 256; a++) {
        byte[] one = {(byte) a};
        assertThatCode(() -> assertThat(decoder.decode(one).items()).hasSize(1))
            .doesNotThrowAnyException();
        for (int b = 0; b < 256; b++) {
          byte[] two = {(byte) a, (byte) b};
          assertThat(decoder.decode(two).items()).hasSize(1);
        }
      }
    }
  }
}
