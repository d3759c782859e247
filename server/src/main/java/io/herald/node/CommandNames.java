package io.herald.node;

import io.herald.node.protocol.Command;

/**
 * The protocol method name of a decoded command, for metrics and logs: {@code PublishCommand} is
 * {@code publish}, {@code PresenceStatsCommand} is {@code presenceStats}. Derived from the class
 * name once per class, so new commands need no entry here.
 */
final class CommandNames {

  private static final String SUFFIX = "Command";

  private static final ClassValue<String> NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          String simple = type.getSimpleName();
          if (simple.endsWith(SUFFIX)) {
            simple = simple.substring(0, simple.length() - SUFFIX.length());
          }
          return simple.isEmpty()
              ? "unknown"
              : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        }
      };

  private CommandNames() {}

  /** The method name of {@code command}; allocation-free after the first call per class. */
  static String of(Command command) {
    return NAMES.get(command.getClass());
  }
}
