package io.herald.cli;

import java.util.Locale;
import java.util.Map;

/**
 * How log lines look: {@code text} (default, for people) or {@code json} (one JSON object per
 * line, for log collectors), chosen with {@code --log-format} or {@code HERALD_LOG_FORMAT}. The
 * choice must be made before the first log line, so {@link #select} runs first thing in {@code
 * main}: it sets the system property that {@code logback.xml} picks its appender by.
 */
enum LogFormat {
  text,
  json;

  /** The system property {@code logback.xml} reads. */
  static final String PROPERTY = "herald.log.appender";

  /** The flag. */
  static final String FLAG = "--log-format";

  /**
   * Picks the format from {@code args} ({@code --log-format json} or {@code --log-format=json}),
   * else from {@code HERALD_LOG_FORMAT} in {@code env}, and sets {@link #PROPERTY}. An unknown
   * value is left for the command line parser to refuse with its usual message.
   */
  static void select(String[] args, Map<String, String> env) {
    String value = env.get("HERALD_LOG_FORMAT");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(FLAG) && i + 1 < args.length) {
        value = args[i + 1];
      } else if (args[i].startsWith(FLAG + "=")) {
        value = args[i].substring(FLAG.length() + 1);
      }
    }
    if (value != null && value.toLowerCase(Locale.ROOT).equals("json")) {
      System.setProperty(PROPERTY, "JSON");
    }
  }
}
