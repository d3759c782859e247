package io.herald.engine;

/**
 * A position in a channel's stream: the offset of its newest publication within an epoch.
 *
 * <p>Offsets grow by exactly one per publication within one epoch. The epoch is an opaque string
 * that changes whenever the stream is lost (an engine restart, a stream that expired), so a client
 * holding {@code (offset, epoch)} can tell "I have everything up to here" from "this is another
 * stream".
 *
 * @param offset offset of the newest publication; 0 when the stream is empty
 * @param epoch the stream's epoch; {@code ""} only in {@link #NONE}
 */
public record StreamPosition(long offset, String epoch) {

  /** No position: the channel keeps no history. */
  public static final StreamPosition NONE = new StreamPosition(0, "");

  /** True for {@link #NONE}. */
  public boolean isNone() {
    return epoch.isEmpty();
  }
}
