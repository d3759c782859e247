package io.herald.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;

/** The one way Herald configures Jackson for the wire. */
public final class Json {

  private Json() {}

  /**
   * A mapper that refuses trailing content, duplicate keys in nothing (last wins, as browsers do)
   * and nesting deeper than {@code maxDepth}. Decimal numbers are read as exact {@code
   * BigDecimal}s, so payloads re-serialized from a tree keep their value: with doubles {@code
   * 1e400} would come back as the string {@code "Infinity"} and long decimals would be rounded.
   */
  public static ObjectMapper mapper(int maxDepth) {
    return mapper(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build());
  }

  /**
   * As {@link #mapper(int)}, also refusing strings longer than {@code maxStringLength} characters
   * and documents of more than {@code maxTokens} tokens.
   */
  public static ObjectMapper mapper(int maxDepth, int maxStringLength, long maxTokens) {
    return mapper(StreamReadConstraints.builder()
        .maxNestingDepth(maxDepth)
        .maxStringLength(maxStringLength)
        .maxNameLength(maxStringLength)
        .maxTokenCount(maxTokens)
        .build());
  }

  private static ObjectMapper mapper(StreamReadConstraints constraints) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    return new WireMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }

  /**
   * Reports a number no {@code BigDecimal} can hold (an exponent beyond an int, such as {@code
   * 1e9999999999}) as the parse error it is; Jackson throws a bare {@code NumberFormatException}.
   */
  private static final class WireMapper extends ObjectMapper {

    private static final long serialVersionUID = 1L;

    WireMapper(JsonFactory factory) {
      super(factory);
    }

    @Override
    protected JsonNode _readTreeAndClose(JsonParser parser) throws IOException {
      try {
        return super._readTreeAndClose(parser);
      } catch (NumberFormatException e) {
        throw new JsonParseException(parser, "number out of range", e);
      }
    }
  }
}
