package io.herald.config;

/**
 * A second listener for operations: {@code /metrics}, {@code /health}, {@code /ready} and {@code
 * /admin} move there and leave the client port, so they are not exposed with it.
 *
 * @param port the internal port; -1 (default) keeps them on the client port; 0 picks a free port
 * @param address address the internal port binds; null (default) means the same as {@code
 *     address}
 */
public record InternalConfig(int port, String address) {

  /** The value of {@link #port} that keeps operations on the client port. */
  public static final int OFF = -1;

  /** Operations on the client port. */
  public static InternalConfig defaults() {
    return new InternalConfig(OFF, null);
  }

  /** True when operations have their own port. */
  public boolean enabled() {
    return port != OFF;
  }
}
