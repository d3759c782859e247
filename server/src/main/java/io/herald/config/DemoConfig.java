package io.herald.config;

/**
 * The demo page at {@code /} (examples/demo, built into the jar): a task list synced across
 * devices, a chat room with presence, a streamed assistant. {@code herald dev} turns it on;
 * {@code herald serve} publishes it only when asked, so a production node serves nothing at
 * {@code /} by default. The SDK bundle at {@code /sdk/herald.js} is served either way.
 *
 * @param enabled serve the demo page at {@code /} and its files under {@code /demo/}; default
 *     false ({@code /} answers 404)
 */
public record DemoConfig(boolean enabled) {

  /** Off. */
  public static DemoConfig defaults() {
    return new DemoConfig(false);
  }
}
