package io.herald.engine;

/**
 * One message published to a channel, as brokers carry it between nodes.
 *
 * @param offset position in the channel's stream, or 0 when the channel keeps no history
 * @param data the payload: raw JSON bytes, never parsed or copied by Herald after publish
 * @param info the publishing client when a client published, else null
 * @param epoch the epoch {@code offset} belongs to, {@code ""} when the channel keeps no history
 */
public record Publication(long offset, byte[] data, ClientInfo info, String epoch) {

  /** A publication outside any stream (no history yet, or none kept). */
  public Publication(long offset, byte[] data, ClientInfo info) {
    this(offset, data, info, "");
  }
}
