package io.herald.engine;

/**
 * Whether an engine can do its work right now, as it last saw it.
 *
 * @param up true when the engine's backing service (Redis, NATS, ...) is reachable
 * @param detail a short explanation for operators when not up, e.g. {@code "redis: connection
 *     refused"}; never a secret
 */
public record Health(boolean up, String detail) {

  /** Up, nothing to say. */
  public static final Health UP = new Health(true, "");

  /** Down, with {@code detail}. */
  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
