package io.herald.config;

/**
 * A configuration that cannot be used, with a message meant for the person who wrote it: it names
 * the key, says what is wrong and what is allowed, for example {@code client.pingInterval: "25x"
 * is not a duration; use a number with ms, s, m, h or d (e.g. 25s)}. Secret values (keys, HMAC
 * secrets) are never repeated in a message. Thrown by {@link ConfigLoader}; the command line prints
 * {@link #getMessage()} and exits.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * An error about one key.
   *
   * @param key the key path, as in the file: {@code port}, {@code client.pingInterval}, {@code
   *     namespaces[1].name}; empty when the error is about the file as a whole
   * @param message the complete message, starting with the key path (or {@code config file ...})
   */
  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** An error about {@code key}: the message is {@code key + ": " + detail}. */
  static ConfigException at(String key, String detail) {
    return new ConfigException(key, key + ": " + detail);
  }

  /** An error about a config file as a whole: {@code config file <source>: <detail>}. */
  static ConfigException file(String source, String detail) {
    return new ConfigException("", "config file " + source + ": " + detail);
  }

  /**
   * The path of the key this error is about, in the file's spelling ({@code client.pingInterval},
   * {@code namespaces[1].name}, {@code allowedOrigins[0]}); empty when the error is about the file
   * as a whole (not found, not YAML).
   */
  public String key() {
    return key;
  }
}
