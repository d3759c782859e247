package io.herald.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns the text of a config file into a tree. YAML by default (JSON is YAML too, unless it is
 * indented with tabs); a file named {@code *.json}, or a YAML parse failure on text that starts
 * with {@code {}, goes through the JSON parser. Booleans are {@code true} and {@code false} only,
 * as in YAML 1.2 (so {@code yes} is the string "yes", not a boolean). Duplicate keys are errors;
 * YAML aliases are refused because the tree reader would silently read {@code *name} as the string
 * {@code name}.
 */
final class ConfigParser {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // YAML 1.2 booleans: only true/false; "yes", "no", "on", "off" stay strings
          .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
          .build();
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigParser() {}

  /**
   * The tree of {@code text}; a mapping, or a missing node when the file holds nothing.
   *
   * @param source the file name, for messages ({@code config file <source>: line 3: ...})
   */
  static JsonNode parse(String text, String source) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    JsonNode tree;
    if (source.toLowerCase(Locale.ROOT).endsWith(".json")) {
      tree = json(text, source);
    } else {
      try {
        tree = yaml(text, source);
      } catch (ConfigException e) {
        if (!text.stripLeading().startsWith("{")) {
          throw e;
        }
        try {
          tree = JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
          throw e;
        }
      }
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JSON.missingNode();
    }
    if (!tree.isObject()) {
      throw ConfigException.file(
          source,
          "expected a mapping of keys at the top level (e.g. port: 8000), got "
              + Scalars.describe(tree));
    }
    return tree;
  }

  private static JsonNode json(String text, String source) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw syntax(source, e);
    }
  }

  private static JsonNode yaml(String text, String source) {
    try (YAMLParser p = (YAMLParser) YAML.createParser(text)) {
      while (p.nextToken() != null) {
        if (p.isCurrentAlias()) {
          throw ConfigException.file(
              source,
              "line "
                  + p.currentTokenLocation().getLineNr()
                  + ": YAML aliases (*name) are not supported; write the value out");
        }
      }
    } catch (JsonProcessingException e) {
      throw syntax(source, e);
    } catch (IOException e) {
      throw ConfigException.file(source, "cannot be parsed: " + e.getMessage());
    }
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw syntax(source, e);
    }
  }

  /** {@code config file <source>: line N: <what the parser found>}. */
  private static ConfigException syntax(String source, JsonProcessingException e) {
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    String what = firstLine(e.getOriginalMessage());
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      line = m.getProblemMark().getLine() + 1;
      what = firstLine(m.getProblem());
      if (m.getContext() != null && m.getContextMark() != null) {
        what += " (" + m.getContext() + " on line " + (m.getContextMark().getLine() + 1) + ")";
      }
    }
    return ConfigException.file(source, (line > 0 ? "line " + line + ": " : "") + what);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "not valid YAML";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
