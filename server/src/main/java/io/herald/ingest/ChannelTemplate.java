package io.herald.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z0-9_]+)\\}");

  /**
   * Parses {@code template}: every {@code {name}} (letters, digits, _) is a field, the rest
   * literal text (the config refused stray braces already).
   */
  static ChannelTemplate parse(String template) {
    List<String> parts = new ArrayList<>();
    Matcher m = FIELD.matcher(template);
    int at = 0;
    while (m.find()) {
      parts.add(template.substring(at, m.start()));
      parts.add(m.group(1));
      at = m.end();
    }
    parts.add(template.substring(at));
    return new ChannelTemplate(parts);
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
