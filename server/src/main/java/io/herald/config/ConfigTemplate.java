package io.herald.config;

import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The config file {@code herald genconfig} prints: every key with its default and a one-line
 * comment, a {@code chat} namespace as an example, and a fresh {@code token.hmacSecret} and {@code
 * api.key}. Written from the records themselves, so a new key shows up here on its own (and must
 * get a comment). The text loads back with {@link ConfigLoader} unchanged.
 */
public final class ConfigTemplate {

  /** Random bytes in a generated HMAC secret: 256 bits, what HS256 needs. */
  static final int HMAC_SECRET_BYTES = 32;

  /** Random bytes in a generated API key: 192 bits, 32 base64url characters. */
  static final int API_KEY_BYTES = 24;

  /** The example namespace of the template, as in the config reference. */
  static final NamespaceConfig CHAT =
      NamespaceConfig.defaults("chat")
          .with("allowSubscribeForClient", true)
          .with("allowPublishForSubscriber", true)
          .with("allowUserLimitedChannels", true)
          .with("allowHistoryForSubscriber", true)
          .with("allowPresenceForSubscriber", true)
          .with("historySize", 100)
          .with("historyTtl", Duration.ofMinutes(10))
          .with("presence", true)
          .with("joinLeave", true);

  private static final String HEADER =
      """
      # Herald configuration, written by `herald genconfig`. Reference: docs/config.md
      # Every key is listed with its default; keys you leave out keep their default.
      # token.hmacSecret and api.key were generated for this file: keep it private.
      # Durations: 500ms, 25s, 10m, 1h, 30d; a bare number means seconds.
      # Every scalar key can be overridden by an environment variable named after its path:
      #   HERALD_PORT, HERALD_TOKEN_HMAC_SECRET, HERALD_CLIENT_PING_INTERVAL, ...
      # Precedence: defaults < this file < HERALD_* variables < flags such as --port.
      # Check a file with: herald checkconfig --config FILE
      """;

  private ConfigTemplate() {}

  /**
   * A commented YAML config with a fresh secret and API key from {@code random}.
   *
   * @param random source of the secrets; a {@link SecureRandom} so they cannot be guessed
   */
  public static String generate(SecureRandom random) {
    HeraldConfig config = HeraldConfig.defaults();
    config = set(config, "token.hmacSecret", secret(random, HMAC_SECRET_BYTES));
    config = set(config, "api.key", secret(random, API_KEY_BYTES));
    config = set(config, "namespaces", List.of(CHAT));
    StringBuilder out = new StringBuilder(HEADER);
    write(out, config, "", "", "");
    return out.toString();
  }

  private static HeraldConfig set(HeraldConfig config, String key, Object value) {
    return Records.with(config, key.split("\\."), 0, value);
  }

  /** {@code bytes} random bytes, base64url without padding. */
  static String secret(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Writes the keys of {@code r}. The first key's line starts with {@code first} (the {@code "- "}
   * of a list item), the others with {@code indent}.
   */
  private static void write(StringBuilder out, Record r, String path, String indent, String first) {
    boolean top = path.isEmpty();
    boolean itemStart = !first.isEmpty();
    for (RecordComponent c : Records.components(r.getClass())) {
      String key = Records.join(path, c.getName());
      if (Records.HIDDEN.contains(key)) {
        continue;
      }
      if (top) {
        out.append('\n');
      }
      Object value = Records.get(r, c);
      // The comment on a list item's first key sits level with its "- ".
      out.append(itemStart ? indent.substring(2) : indent)
          .append("# ")
          .append(KeyComments.of(r.getClass(), c.getName()))
          .append('\n')
          .append(itemStart ? first : indent)
          .append(c.getName())
          .append(':');
      itemStart = false;
      Class<?> element = Records.listElement(c);
      if (value instanceof Record nested) {
        out.append('\n');
        write(out, nested, key, indent + "  ", "");
      } else if (element != null && element.isRecord() && !((List<?>) value).isEmpty()) {
        out.append('\n');
        List<?> items = (List<?>) value;
        for (int i = 0; i < items.size(); i++) {
          write(out, (Record) items.get(i), key + "[" + i + "]", indent + "    ", indent + "  - ");
        }
      } else {
        out.append(' ').append(scalar(value)).append('\n');
      }
    }
  }

  private static String scalar(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return Scalars.quote(s);
    }
    if (value instanceof Duration d) {
      return Durations.format(d);
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (Object item : list) {
        sb.append(sb.length() > 1 ? ", " : "").append(scalar(item));
      }
      return sb.append(']').toString();
    }
    return value.toString();
  }
}
