package io.herald.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, checked access to a token's claims (the JWS payload, a JSON object).
 *
 * <p>Reading is strict: duplicate member names and trailing data make the payload malformed, and
 * a claim of the wrong JSON type is an {@link TokenException.Reason#INVALID} refusal naming the
 * claim. A claim whose value is JSON {@code null} counts as absent. Floating-point numbers keep
 * their exact decimal value, so {@link #rawJson} returns what the issuer wrote (re-serialized
 * compactly), not a rounded double.
 *
 * <p>Instances are confined to the verification that created them; {@link #JSON} is thread-safe.
 */
final class ClaimsReader {

  /** Strict mapper shared by the package (reading claims, building minted payloads). */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private static final BigDecimal MIN_SECONDS = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());

  private final ObjectNode claims;

  private ClaimsReader(ObjectNode claims) {
    this.claims = claims;
  }

  /** Parses a payload; it must be a JSON object. */
  static ClaimsReader parse(byte[] payload) throws TokenException {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException | RuntimeException e) {
      throw TokenException.invalid("token claims are not valid JSON");
    }
    if (!(root instanceof ObjectNode object)) {
      throw TokenException.invalid("token claims are not a JSON object");
    }
    return new ClaimsReader(object);
  }

  /** A string claim, or null when absent. */
  String string(String name) throws TokenException {
    JsonNode node = get(name);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(name, "a string");
    }
    return node.textValue();
  }

  /**
   * A NumericDate claim (seconds since the epoch, possibly fractional), or null when absent.
   * Values outside {@link Instant}'s range are refused.
   */
  Instant numericDate(String name) throws TokenException {
    JsonNode node = get(name);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      throw wrongType(name, "a number of seconds");
    }
    BigDecimal seconds = node.decimalValue();
    // Compared before any rescaling, so a value like 1e999999999 costs nothing.
    if (seconds.compareTo(MIN_SECONDS) < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
      throw TokenException.invalid("token claim '" + name + "' is out of range");
    }
    try {
      long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (ArithmeticException | DateTimeException e) {
      throw TokenException.invalid("token claim '" + name + "' is out of range");
    }
  }

  /** A claim that is an array of strings, or an empty list when absent. Unmodifiable. */
  List<String> stringList(String name) throws TokenException {
    JsonNode node = get(name);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(name, "an array of strings");
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw wrongType(name, "an array of strings");
      }
      values.add(element.textValue());
    }
    return List.copyOf(values);
  }

  /** The {@code aud} claim: one string or an array of strings (RFC 7519 4.1.3); empty if absent. */
  List<String> audience() throws TokenException {
    JsonNode node = get("aud");
    if (node != null && node.isTextual()) {
      return List.of(node.textValue());
    }
    if (node != null && !node.isArray()) {
      throw wrongType("aud", "a string or an array of strings");
    }
    return stringList("aud");
  }

  /** The compact JSON (UTF-8) of a claim of any type, or null when absent. */
  byte[] rawJson(String name) {
    JsonNode node = get(name);
    if (node == null) {
      return null;
    }
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      // A tree read from JSON always writes back; this is unreachable.
      throw new IllegalStateException(e);
    }
  }

  private JsonNode get(String name) {
    JsonNode node = claims.get(name);
    return node == null || node.isNull() ? null : node;
  }

  private static TokenException wrongType(String name, String expected) {
    return TokenException.invalid("token claim '" + name + "' must be " + expected);
  }
}
