package io.herald.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Converts one scalar value, from a YAML/JSON node or from the text of an environment variable,
 * into the type of a record component: {@code int}, {@code boolean}, {@link String}, {@link
 * Duration}. Errors name the key and say what was expected.
 */
final class Scalars {

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,19}");

  private Scalars() {}

  /**
   * The value of {@code node} as a {@code type}.
   *
   * @param key the key path, for {@link ConfigException#key()}; also the start of the message
   */
  static Object fromNode(Class<?> type, JsonNode node, String key) {
    try {
      if (node.isTextual() && type != String.class) {
        return parse(type, node.textValue());
      }
      if (type == int.class && node.isIntegralNumber()) {
        return toInt(node.canConvertToLong() ? node.longValue() : null, node.asText());
      }
      if (type == boolean.class && node.isBoolean()) {
        return node.booleanValue();
      }
      if (type == Duration.class && node.isIntegralNumber()) {
        return parse(type, node.asText());
      }
      if (type == Duration.class && node.isNumber()) {
        throw new IllegalArgumentException(
            node.asText() + " is not a duration; " + Durations.ALLOWED);
      }
      if (type == String.class && node.isTextual()) {
        return node.textValue();
      }
      String hint = type == String.class && node.isValueNode() ? "; put the value in quotes" : "";
      String got = Records.isSecret(key) ? kind(node) : describe(node);
      throw new IllegalArgumentException("expected " + expected(type) + ", got " + got + hint);
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(key, e.getMessage());
    }
  }

  /**
   * The value of an environment variable as a {@code type}; a {@code List} is comma-separated.
   *
   * @param key the key path, for {@link ConfigException#key()}
   * @param label what the message starts with (the key path and the variable's name)
   */
  static Object fromText(Class<?> type, String text, String key, String label) {
    try {
      return type == List.class ? splitList(text) : parse(type, text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, label + ": " + e.getMessage());
    }
  }

  /** {@code "a, b,,c"} as {@code [a, b, c]}. */
  static List<String> splitList(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return List.copyOf(out);
  }

  private static Object parse(Class<?> type, String text) {
    if (type == String.class) {
      return text;
    }
    if (type == Duration.class) {
      return Durations.parse(text);
    }
    String t = text.strip();
    if (type == boolean.class) {
      if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(t);
      }
      throw new IllegalArgumentException("expected true or false, got " + quote(text));
    }
    if (type == int.class) {
      if (!INTEGER.matcher(t).matches()) {
        throw new IllegalArgumentException("expected a whole number, got " + quote(text));
      }
      Long n;
      try {
        n = Long.parseLong(t);
      } catch (NumberFormatException e) {
        n = null;
      }
      return toInt(n, t);
    }
    throw new IllegalStateException("unsupported config type " + type);
  }

  private static int toInt(Long n, String text) {
    if (n == null || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(text + " is too large; the most is " + Integer.MAX_VALUE);
    }
    if (n < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(text + " is too small; the least is " + Integer.MIN_VALUE);
    }
    return n.intValue();
  }

  /** How a value of {@code type} is named in "expected ..." messages. */
  static String expected(Class<?> type) {
    if (type == int.class) {
      return "a whole number";
    }
    if (type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration (e.g. 25s)";
    }
    if (type == List.class) {
      return "a list";
    }
    if (type.isRecord()) {
      return "a mapping of keys";
    }
    return "a string";
  }

  /** How {@code node} is named in "got ..." messages: strings quoted, containers by kind. */
  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return quote(node.textValue());
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isNull() || node.isMissingNode()) {
      return "nothing";
    }
    return node.asText();
  }

  /** What {@code node} is, without its value: for secrets. */
  private static String kind(JsonNode node) {
    return node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : describe(node);
  }

  /** {@code text} in double quotes, with quotes, backslashes and control characters escaped. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
