package io.herald.client;

/**
 * A position in a channel's history: the offset of a publication within an epoch (the epoch
 * changes when the channel's stream was lost, and then no position of the old epoch can recover).
 *
 * @param offset the publication's offset, 1 for the first; 0 before any
 * @param epoch the stream's epoch
 */
public record StreamPosition(long offset, String epoch) {}
