package io.herald.engine;

/**
 * Which part of a channel's history to read.
 *
 * @param since read only after this position (before it when {@code reverse}); null reads from the
 *     oldest (the newest when {@code reverse}). When its epoch is not the stream's, nothing is
 *     returned and the caller sees the mismatch in {@link HistoryPage#position()}.
 * @param limit most publications returned; 0 returns only the position; -1 returns all
 * @param reverse newest first
 * @param options the channel's history options (for the meta TTL of a stream this read creates)
 */
public record HistoryQuery(
    StreamPosition since, int limit, boolean reverse, HistoryOptions options) {

  /** Every publication kept, oldest first. */
  public static HistoryQuery all(HistoryOptions options) {
    return new HistoryQuery(null, -1, false, options);
  }

  /** Only the stream position. */
  public static HistoryQuery position(HistoryOptions options) {
    return new HistoryQuery(null, 0, false, options);
  }
}
