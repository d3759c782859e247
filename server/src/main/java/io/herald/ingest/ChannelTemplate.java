package io.herald.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel template such as {@code tasks:list#{userId}}: literal text and {@code {field}}
 * placeholders, each filled from a top-level field of a message's JSON object (a string or an
 * integer; its text is used as is). Immutable and thread-safe.
 */
final class ChannelTemplate {

  /** Literal parts at even indexes, field names at odd ones. */
  private final List<String> parts;

  private ChannelTemplate(List<String> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses {@code template} (validated by the config already).
   *
   * @throws IllegalArgumentException for an unbalanced brace or an empty field name
   */
  static ChannelTemplate parse(String template) {
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (true) {
      int open = template.indexOf('{', at);
      if (open < 0) {
        parts.add(template.substring(at));
        return new ChannelTemplate(parts);
      }
      int close = template.indexOf('}', open);
      if (close < 0 || close == open + 1 || template.indexOf('{', open + 1) > 0
          && template.indexOf('{', open + 1) < close) {
        throw new IllegalArgumentException("bad channel template " + template);
      }
      parts.add(template.substring(at, open));
      parts.add(template.substring(open + 1, close));
      at = close + 1;
    }
  }

  /**
   * The channel for {@code message}.
   *
   * @throws BadMessage when a field is missing, or is not a string or an integer
   */
  String fill(JsonNode message) throws BadMessage {
    StringBuilder out = new StringBuilder(parts.get(0));
    for (int i = 1; i < parts.size(); i += 2) {
      JsonNode value = message.get(parts.get(i));
      if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
        throw new BadMessage("channel template field " + parts.get(i)
            + (value == null ? " is missing" : " is not a string or an integer"));
      }
      out.append(value.asText()).append(parts.get(i + 1));
    }
    return out.toString();
  }
}
