package io.herald.engine;

/**
 * One message published to a channel, as brokers carry it between nodes.
 *
 * @param offset position in the channel's stream, or 0 when the channel keeps no history
 * @param data the payload: raw JSON bytes, never parsed or copied by Herald after publish
 * @param info the publishing client when a client published, else null
 * @param epoch the epoch {@code offset} belongs to, {@code ""} when the channel keeps no history
 * @param event an optional event name (Pusher's {@code event}; {@code event} of Herald's
 *     {@code publish}), carried and stored with the data; null when the publisher gave none
 */
public record Publication(long offset, byte[] data, ClientInfo info, String epoch, String event) {

  /** A publication without an event name. */
  public Publication(long offset, byte[] data, ClientInfo info, String epoch) {
    this(offset, data, info, epoch, null);
  }

  /** A publication outside any stream (no history yet, or none kept). */
  public Publication(long offset, byte[] data, ClientInfo info) {
    this(offset, data, info, "", null);
  }

  /** This publication at {@code newOffset} in {@code newEpoch}, its data, info and event kept. */
  public Publication at(long newOffset, String newEpoch) {
    return new Publication(newOffset, data, info, newEpoch, event);
  }
}
