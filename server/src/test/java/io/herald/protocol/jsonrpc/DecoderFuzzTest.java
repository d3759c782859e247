package io.herald.protocol.jsonrpc;

import io.herald.json.Json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Command;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.protocol.DecodedFrame;
import io.herald.node.protocol.HistoryCommand;
import io.herald.node.protocol.Incoming;
import io.herald.node.protocol.PongCommand;
import io.herald.node.protocol.PresenceCommand;
import io.herald.node.protocol.PresenceStatsCommand;
import io.herald.node.protocol.PublishCommand;
import io.herald.node.protocol.RefreshCommand;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.SubscribeCommand;
import io.herald.node.protocol.UnsubscribeCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of {@link JsonRpcDecoder}: random bytes, random text and random
 * JSON-RPC-like objects never make it throw; every frame is non-empty with standard error codes;
 * generated requests decode to exactly the outcome an independent oracle predicts; ids and
 * payloads survive decode-then-encode. Fixed seeds keep runs deterministic.
 */
class DecoderFuzzTest {

  private static final int MAX_BATCH = 8;
  private static final Set<Integer> STANDARD_CODES = Set.of(-32700, -32600, -32601, -32602);
  private static final List<String> METHODS =
      List.of("connect", "subscribe", "unsubscribe", "publish", "refresh", "pong", "history",
          "presence", "presenceStats");
  private static final List<String> FIELDS = List.of("channel", "token", "name", "version", "data");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper EXACT = Json.mapper(1000);

  private final JsonRpcDecoder decoder = new JsonRpcDecoder(16, MAX_BATCH);
  private final JsonRpcEncoder encoder = new JsonRpcEncoder();

  // ---- unstructured input -------------------------------------------------------------------

  @Property(tries = 3000, seed = "20250101")
  void arbitraryBytesNeverThrow(@ForAll @Size(max = 200) byte[] bytes) {
    checkInvariants(decoder.decode(bytes));
  }

  @Property(tries = 2000, seed = "20250102")
  void arbitraryStringsNeverThrow(@ForAll("anyText") String text) {
    checkInvariants(decoder.decode(text.getBytes(UTF_8)));
  }

  @Property(tries = 3000, seed = "20250103")
  void jsonAlphabetSoupNeverThrows(@ForAll("jsonSoup") String text) {
    checkInvariants(decoder.decode(text.getBytes(UTF_8)));
  }

  @Property(tries = 2000, seed = "20250104")
  void mutatedValidFramesNeverThrow(
      @ForAll("requests") ObjectNode request,
      @ForAll("mutations") List<Tuple.Tuple3<Integer, Integer, Byte>> mutations) {
    byte[] bytes = bytes(request);
    for (Tuple.Tuple3<Integer, Integer, Byte> m : mutations) {
      int at = Math.floorMod(m.get1(), bytes.length + 1);
      bytes =
          switch (m.get2()) {
            case 0 -> java.util.Arrays.copyOf(bytes, at);
            case 1 -> replace(bytes, at, m.get3());
            case 2 -> insert(bytes, at, m.get3());
            default -> remove(bytes, at);
          };
    }
    checkInvariants(decoder.decode(bytes));
  }

  // ---- structured input: decoded exactly as the oracle says ---------------------------------

  @Property(tries = 3000, seed = "20250105", edgeCases = EdgeCasesMode.NONE)
  void randomRequestObjectsDecodeAsTheOraclePredicts(@ForAll("requests") ObjectNode request) {
    DecodedFrame frame = decoder.decode(bytes(request));

    checkInvariants(frame);
    assertThat(frame.batch()).isFalse();
    assertThat(frame.items()).hasSize(1);
    JsonNode sent = reparse(request);
    assertMatches(frame.items().get(0), sent);

    Statistics.label("outcome").collect(oracle(sent).code);
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check(0).percentage(p -> p > 20);
              for (int code : STANDARD_CODES) {
                if (code != -32700) {
                  coverage.check(code).percentage(p -> p > 3);
                }
              }
            });
  }

  @Property(tries = 1000, seed = "20250106")
  void randomBatchesDecodeElementByElement(@ForAll("batches") List<JsonNode> elements) {
    ArrayNode batch = F.arrayNode().addAll(elements);

    DecodedFrame frame = decoder.decode(bytes(batch));

    checkInvariants(frame);
    if (elements.isEmpty() || elements.size() > MAX_BATCH) {
      assertThat(frame.batch()).isFalse();
      assertThat(((Incoming.Invalid) frame.items().get(0)).error().code()).isEqualTo(-32600);
      return;
    }
    assertThat(frame.batch()).isTrue();
    assertThat(frame.items()).hasSize(elements.size());
    JsonNode parsed = reparse(batch);
    for (int i = 0; i < elements.size(); i++) {
      assertMatches(frame.items().get(i), parsed.get(i));
    }
  }

  @Property(tries = 2000, seed = "20250107")
  void validCallsDecodeToTheirFieldsAndRoundTripThroughTheEncoder(
      @ForAll("validCalls") ObjectNode request) {
    JsonNode sent = reparse(request);

    DecodedFrame frame = decoder.decode(bytes(request));

    assertThat(frame.items()).hasSize(1);
    assertThat(frame.items().get(0)).isInstanceOf(Incoming.Call.class);
    Incoming.Call call = (Incoming.Call) frame.items().get(0);
    assertThat(call.command()).usingRecursiveComparison().isEqualTo(expectedCommand(sent));
    if (sent.has("id")) {
      JsonNode response = parse(encoder.response(call.id(), Result.Empty.INSTANCE));
      assertThat(response.get("id")).isEqualTo(sent.get("id"));
      JsonNode error = parse(encoder.error(call.id(), RpcError.INTERNAL));
      assertThat(error.get("id")).isEqualTo(sent.get("id"));
    } else {
      assertThat(call.id()).isNull();
    }
    if (call.command() instanceof PublishCommand publish) {
      JsonNode data = sent.get("params").get("data");
      assertThat(parse(publish.data())).isEqualTo(data);
      JsonNode out =
          parse(encoder.publication(publish.channel(), new Publication(3, publish.data(), null)).bytes());
      assertThat(out.get("params").get("data")).isEqualTo(data);
      assertThat(out.get("params").get("channel").textValue()).isEqualTo(publish.channel());
    }
  }

  // ---- invariants and oracle ----------------------------------------------------------------

  private void checkInvariants(DecodedFrame frame) {
    assertThat(frame).isNotNull();
    assertThat(frame.items()).isNotEmpty();
    if (!frame.batch()) {
      assertThat(frame.items()).hasSize(1);
    } else {
      assertThat(frame.items()).hasSizeLessThanOrEqualTo(MAX_BATCH);
    }
    for (Incoming item : frame.items()) {
      if (item.id() != null) {
        JsonNode id = parse(item.id().json().getBytes(UTF_8));
        assertThat(id.isTextual() || id.isNumber() || id.isNull()).as("id %s", id).isTrue();
      }
      switch (item) {
        case Incoming.Invalid invalid -> {
          assertThat(STANDARD_CODES).contains(invalid.error().code());
          assertThat(invalid.error().message()).isNotBlank();
          if (invalid.error().code() == -32700) {
            assertThat(frame.batch()).isFalse();
            assertThat(invalid.id()).isEqualTo(RequestId.NULL);
          }
          if (invalid.id() != null) {
            JsonNode out = parse(encoder.error(invalid.id(), invalid.error()));
            assertThat(out.get("error").get("code").intValue()).isEqualTo(invalid.error().code());
          }
        }
        case Incoming.Call call -> {
          assertThat(call.command()).isNotNull();
          if (call.id() != null) {
            parse(encoder.response(call.id(), Result.Empty.INSTANCE));
          }
        }
      }
    }
  }

  /** What the decoder must make of {@code request} (as parsed), checked against {@code item}. */
  private static void assertMatches(Incoming item, JsonNode request) {
    Outcome expected = oracle(request);
    if (expected.code == 0) {
      assertThat(item).as("%s", request).isInstanceOf(Incoming.Call.class);
      assertThat(((Incoming.Call) item).command())
          .usingRecursiveComparison()
          .isEqualTo(expectedCommand(request));
    } else {
      assertThat(item).as("%s", request).isInstanceOf(Incoming.Invalid.class);
      assertThat(((Incoming.Invalid) item).error().code()).as("%s", request).isEqualTo(expected.code);
    }
    if (expected.id.isEmpty()) {
      assertThat(item.id()).as("%s", request).isNull();
    } else {
      assertThat(item.id()).as("%s", request).isNotNull();
      assertThat(parse(item.id().json().getBytes(UTF_8))).isEqualTo(expected.id.get());
    }
  }

  /**
   * @param code 0 for a call, else the error code
   * @param id the id to answer with, empty for no answer
   */
  private record Outcome(int code, Optional<JsonNode> id) {}

  /** An independent reading of JSON-RPC 2.0 sections 4-5 plus Herald's params rules. */
  private static Outcome oracle(JsonNode request) {
    if (!request.isObject()) {
      return new Outcome(-32600, Optional.of(NullNode.instance));
    }
    JsonNode id = request.get("id");
    if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
      return new Outcome(-32600, Optional.of(NullNode.instance));
    }
    Optional<JsonNode> answer = Optional.ofNullable(id);
    Optional<JsonNode> answerEvenIfNotification = Optional.of(id == null ? NullNode.instance : id);
    JsonNode jsonrpc = request.get("jsonrpc");
    if (jsonrpc == null || !jsonrpc.isTextual() || !jsonrpc.textValue().equals("2.0")) {
      return new Outcome(-32600, answerEvenIfNotification);
    }
    JsonNode method = request.get("method");
    if (method == null || !method.isTextual()) {
      return new Outcome(-32600, answerEvenIfNotification);
    }
    JsonNode params = request.get("params");
    if (params != null && !params.isObject() && !params.isArray()) {
      return new Outcome(-32600, answerEvenIfNotification);
    }
    if (!METHODS.contains(method.textValue())) {
      return new Outcome(-32601, answer);
    }
    if (params != null && params.isArray()) {
      return new Outcome(-32602, answer);
    }
    JsonNode p = params == null ? F.objectNode() : params;
    List<String> required =
        switch (method.textValue()) {
          case "subscribe", "unsubscribe", "publish", "history", "presence", "presenceStats" ->
              List.of("channel");
          case "refresh" -> List.of("token");
          default -> List.of();
        };
    List<String> optional =
        switch (method.textValue()) {
          case "connect" -> List.of("token", "name", "version");
          case "subscribe" -> List.of("token", "epoch");
          case "publish" -> List.of("idempotencyKey");
          default -> List.of();
        };
    for (String field : required) {
      JsonNode v = p.get(field);
      if (v == null || !v.isTextual()) {
        return new Outcome(-32602, answer);
      }
    }
    for (String field : optional) {
      JsonNode v = p.get(field);
      if (v != null && !v.isNull() && !v.isTextual()) {
        return new Outcome(-32602, answer);
      }
    }
    if (method.textValue().equals("publish") && !p.has("data")) {
      return new Outcome(-32602, answer);
    }
    boolean valid = switch (method.textValue()) {
      case "subscribe" -> validRecovery(p);
      case "connect" -> validSubs(p.get("subs"));
      case "history" -> validHistory(p);
      default -> true;
    };
    return new Outcome(valid ? 0 : -32602, answer);
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isNull();
  }

  private static boolean booleanOrAbsent(JsonNode v) {
    return absent(v) || v.isBoolean();
  }

  private static boolean offsetOrAbsent(JsonNode v) {
    if (absent(v)) {
      return true;
    }
    if (!v.isIntegralNumber()) {
      return false;
    }
    BigInteger n = v.bigIntegerValue();
    return n.signum() >= 0 && n.bitLength() <= 53;
  }

  /** recover, offset, epoch, joinLeave of a subscribe (or one connect subs entry). */
  private static boolean validRecovery(JsonNode p) {
    JsonNode epoch = p.get("epoch");
    JsonNode token = p.get("token");
    if (!booleanOrAbsent(p.get("recover")) || !offsetOrAbsent(p.get("offset"))
        || !(absent(epoch) || epoch.isTextual()) || !(absent(token) || token.isTextual())
        || !booleanOrAbsent(p.get("joinLeave"))) {
      return false;
    }
    boolean recover = !absent(p.get("recover")) && p.get("recover").booleanValue();
    return !recover || !absent(epoch);
  }

  private static boolean validSubs(JsonNode subs) {
    if (absent(subs)) {
      return true;
    }
    if (!subs.isObject()) {
      return false;
    }
    for (JsonNode entry : subs) {
      if (!entry.isObject() || !validRecovery(entry)) {
        return false;
      }
    }
    return true;
  }

  private static boolean validHistory(JsonNode p) {
    JsonNode limit = p.get("limit");
    if (!absent(limit) && !(limit.isIntegralNumber() && limit.canConvertToInt()
        && limit.intValue() >= 0)) {
      return false;
    }
    JsonNode since = p.get("since");
    if (!absent(since)) {
      if (!since.isObject() || absent(since.get("epoch")) || !since.get("epoch").isTextual()
          || !offsetOrAbsent(since.get("offset"))) {
        return false;
      }
    }
    return booleanOrAbsent(p.get("reverse"));
  }

  private static Command expectedCommand(JsonNode request) {
    JsonNode p = request.has("params") ? request.get("params") : F.objectNode();
    return switch (request.get("method").textValue()) {
      case "connect" -> new ConnectCommand(
          text(p, "token"), text(p, "name"), text(p, "version"), subs(p.get("subs")),
          p.hasNonNull("data") ? bytes(p.get("data")) : null);
      case "subscribe" -> subscribe(text(p, "channel"), p);
      case "unsubscribe" -> new UnsubscribeCommand(text(p, "channel"));
      case "publish" ->
          new PublishCommand(text(p, "channel"), bytes(p.get("data")), text(p, "idempotencyKey"));
      case "history" -> new HistoryCommand(
          text(p, "channel"),
          absent(p.get("limit")) ? -1 : p.get("limit").intValue(),
          absent(p.get("since")) ? null : new StreamPosition(
              absent(p.get("since").get("offset")) ? 0 : p.get("since").get("offset").longValue(),
              text(p.get("since"), "epoch")),
          flag(p, "reverse"));
      case "presence" -> new PresenceCommand(text(p, "channel"));
      case "presenceStats" -> new PresenceStatsCommand(text(p, "channel"));
      case "refresh" -> new RefreshCommand(text(p, "token"));
      case "pong" -> PongCommand.INSTANCE;
      default -> throw new AssertionError(request);
    };
  }

  private static SubscribeCommand subscribe(String channel, JsonNode p) {
    return new SubscribeCommand(channel, text(p, "token"), flag(p, "recover"),
        absent(p.get("offset")) ? 0 : p.get("offset").longValue(), text(p, "epoch"),
        flag(p, "joinLeave"));
  }

  private static Map<String, SubscribeCommand> subs(JsonNode subs) {
    Map<String, SubscribeCommand> out = new java.util.LinkedHashMap<>();
    if (!absent(subs)) {
      subs.fields().forEachRemaining(e -> out.put(e.getKey(), subscribe(e.getKey(), e.getValue())));
    }
    return out;
  }

  private static boolean flag(JsonNode params, String field) {
    JsonNode v = params.get(field);
    return v != null && v.isBoolean() && v.booleanValue();
  }

  private static String text(JsonNode params, String field) {
    JsonNode v = params.get(field);
    return v == null || v.isNull() ? null : v.textValue();
  }

  // ---- generators ---------------------------------------------------------------------------

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> jsonSoup() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "{", "}", "[", "]", ":", ",", "\"", "\\", " ", "0", "1", "-", ".", "e", "true",
                "false", "null", "\"jsonrpc\"", "\"2.0\"", "\"method\"", "\"id\"", "\"params\"",
                "\"publish\"", "\"connect\"", "\"channel\"", "\"data\"", "\\u", "d800", "\u00e9",
                "e2147483649", "1e400", "E-"),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3))
        .list()
        .ofMaxSize(40)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<List<Tuple.Tuple3<Integer, Integer, Byte>>> mutations() {
    return Combinators.combine(
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.integers().between(0, 3),
            Arbitraries.bytes())
        .as(Tuple::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<ObjectNode> requests() {
    Arbitrary<Optional<JsonNode>> jsonrpc =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just(Optional.of(TextNode.valueOf("2.0")))),
            Tuple.of(1, json(1).map(Optional::of)),
            Tuple.of(1, Arbitraries.just(Optional.empty())));
    Arbitrary<Optional<JsonNode>> method =
        Arbitraries.frequencyOf(
            Tuple.of(16, Arbitraries.of(METHODS).map(m -> Optional.of(TextNode.valueOf(m)))),
            Tuple.of(2, Arbitraries.of("sum", "Connect", "", "publication").map(m -> Optional.of(TextNode.valueOf(m)))),
            Tuple.of(1, json(1).map(Optional::of)),
            Tuple.of(1, Arbitraries.just(Optional.empty())));
    Arbitrary<Optional<JsonNode>> params =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(Optional.empty())),
            Tuple.of(12, knownParams(false).map(Optional::of)),
            Tuple.of(1, json(2).map(Optional::of)));
    return Combinators.combine(jsonrpc, method, ids(true), params, extraFields())
        .as(DecoderFuzzTest::request);
  }

  @Provide
  Arbitrary<ObjectNode> validCalls() {
    Arbitrary<String> method = Arbitraries.of(METHODS);
    return Combinators.combine(method, ids(false), knownParams(true), Arbitraries.of(true, false))
        .as(
            (m, id, params, withParams) -> {
              ObjectNode p = params.deepCopy();
              // Typed optional fields get random values; the oracle properties cover them.
              p.remove(List.of("subs", "recover", "offset", "epoch", "joinLeave", "limit", "since",
                  "reverse", "idempotencyKey"));
              if (m.equals("publish") && !p.has("data")) {
                p.put("data", "d");
              }
              for (String field : List.of("channel", "token")) {
                if (requires(m, field) && !p.hasNonNull(field)) {
                  p.put(field, "x");
                }
              }
              boolean omit = !withParams && !m.equals("publish") && !requires(m, "channel")
                  && !requires(m, "token");
              return request(
                  Optional.of(TextNode.valueOf("2.0")),
                  Optional.of(TextNode.valueOf(m)),
                  id,
                  omit ? Optional.empty() : Optional.of(p),
                  Map.of());
            });
  }

  @Provide
  Arbitrary<List<JsonNode>> batches() {
    return Arbitraries.<JsonNode>frequencyOf(
            Tuple.of(8, requests().map(r -> (JsonNode) r)), Tuple.of(1, json(1)))
        .list()
        .ofMaxSize(12);
  }

  private static boolean requires(String method, String field) {
    return switch (field) {
      case "channel" -> List.of("subscribe", "unsubscribe", "publish", "history", "presence",
          "presenceStats").contains(method);
      case "token" -> method.equals("refresh");
      default -> false;
    };
  }

  private static ObjectNode request(
      Optional<JsonNode> jsonrpc,
      Optional<JsonNode> method,
      Optional<JsonNode> id,
      Optional<JsonNode> params,
      Map<String, JsonNode> extra) {
    ObjectNode out = F.objectNode();
    extra.forEach(out::set);
    jsonrpc.ifPresent(v -> out.set("jsonrpc", v));
    method.ifPresent(v -> out.set("method", v));
    params.ifPresent(v -> out.set("params", v));
    id.ifPresent(v -> out.set("id", v));
    return out;
  }

  /** Absent (most often), or a string, a number, null, or (when not only valid) anything. */
  private static Arbitrary<Optional<JsonNode>> ids(boolean anyType) {
    Arbitrary<JsonNode> valid =
        Arbitraries.oneOf(
            text().map(TextNode::valueOf),
            Arbitraries.longs().map(LongNode::valueOf),
            decimals(),
            Arbitraries.just(NullNode.instance));
    Arbitrary<Optional<JsonNode>> absent = Arbitraries.just(Optional.empty());
    Arbitrary<Optional<JsonNode>> present = valid.map(Optional::of);
    if (!anyType) {
      return Arbitraries.frequencyOf(Tuple.of(3, absent), Tuple.of(6, present));
    }
    return Arbitraries.frequencyOf(
        Tuple.of(3, absent), Tuple.of(6, present), Tuple.of(1, json(1).map(Optional::of)));
  }

  /** Params with the fields Herald reads, each absent, a string, or (when not valid) anything. */
  private static Arbitrary<ObjectNode> knownParams(boolean valid) {
    Arbitrary<JsonNode> stringOrNull =
        Arbitraries.frequencyOf(
            Tuple.of(8, text().map(TextNode::valueOf)),
            Tuple.of(1, Arbitraries.just(NullNode.instance)));
    Arbitrary<JsonNode> fieldValue =
        valid ? stringOrNull : Arbitraries.frequencyOf(Tuple.of(3, stringOrNull), Tuple.of(1, json(2)));
    Arbitrary<Optional<JsonNode>> field =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(Optional.empty())), Tuple.of(2, fieldValue.map(Optional::of)));
    Arbitrary<JsonNode> data = json(3);
    return Combinators.combine(
            field, field, field, field, data.map(Optional::of).injectNull(0.2), extraFields())
        .as(
            (channel, token, name, version, d, extra) -> {
              ObjectNode p = F.objectNode();
              extra.forEach(p::set);
              channel.ifPresent(v -> p.set("channel", valid && v.isNull() ? TextNode.valueOf("c") : v));
              token.ifPresent(v -> p.set("token", v));
              name.ifPresent(v -> p.set("name", v));
              version.ifPresent(v -> p.set("version", v));
              if (d != null) {
                p.set("data", d.get());
              }
              return p;
            });
  }

  private static Arbitrary<Map<String, JsonNode>> extraFields() {
    return Arbitraries.maps(
            Arbitraries.of("extra", "x", "subs", "recover", "offset", "epoch", "joinLeave", "limit",
                "since", "reverse", "idempotencyKey", "\u00e9"), json(1))
        .ofMaxSize(2);
  }

  /** Any JSON value nested at most {@code depth} containers deep. */
  private static Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> scalar =
        Arbitraries.oneOf(
            Arbitraries.just(NullNode.instance),
            Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE),
            Arbitraries.longs().map(LongNode::valueOf),
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))
                .map(BigIntegerNode::valueOf),
            decimals(),
            text().map(TextNode::valueOf));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<JsonNode> array =
        Arbitraries.lazy(() -> json(depth - 1))
            .list()
            .ofMaxSize(4)
            .map(items -> F.arrayNode().addAll(items));
    Arbitrary<JsonNode> object =
        Arbitraries.maps(keys(), Arbitraries.lazy(() -> json(depth - 1)))
            .ofMaxSize(4)
            .map(
                fields -> {
                  ObjectNode o = F.objectNode();
                  fields.forEach(o::set);
                  return o;
                });
    return Arbitraries.frequencyOf(Tuple.of(4, scalar), Tuple.of(1, array), Tuple.of(1, object));
  }

  private static Arbitrary<JsonNode> decimals() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(-500, 500))
        .as((unscaled, scale) -> DecimalNode.valueOf(BigDecimal.valueOf(unscaled, scale)));
  }

  /**
   * Object keys: text without lone surrogates, which Jackson's parser refuses in names (a -32700,
   * see {@code JsonRpcDecoderTest}) though it accepts them in values.
   */
  private static Arbitrary<String> keys() {
    return text().filter(DecoderFuzzTest::wellFormed);
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Text of every kind: ASCII, escapes, non-BMP, lone surrogates. */
  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars("_-:#$,.").ofMaxLength(12),
        Arbitraries.strings().all().ofMaxLength(8),
        Arbitraries.of("\"", "\\", "\u0000", "\ud83d\ude00", "\ud800", "\u2028", "caf\u00e9"));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static byte[] bytes(JsonNode node) {
    try {
      return EXACT.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code node} as the decoder sees it: written, then read back. */
  private static JsonNode reparse(JsonNode node) {
    return parse(bytes(node));
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return EXACT.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(bytes, UTF_8), e);
    }
  }

  private static byte[] replace(byte[] in, int at, byte b) {
    if (at >= in.length) {
      return in;
    }
    byte[] out = in.clone();
    out[at] = b;
    return out;
  }

  private static byte[] insert(byte[] in, int at, byte b) {
    byte[] out = new byte[in.length + 1];
    System.arraycopy(in, 0, out, 0, at);
    out[at] = b;
    System.arraycopy(in, at, out, at + 1, in.length - at);
    return out;
  }

  private static byte[] remove(byte[] in, int at) {
    if (at >= in.length) {
      return in;
    }
    byte[] out = new byte[in.length - 1];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(in, at + 1, out, at, in.length - at - 1);
    return out;
  }
}
