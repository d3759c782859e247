package io.herald.engine;

/**
 * One message published to a channel, as brokers carry it between nodes.
 *
 * @param offset position in the channel's stream, or 0 when the channel keeps no history
 * @param data the payload: raw JSON bytes, never parsed or copied by Herald after publish
 * @param info the publishing client when a client published, else null
 */
public record Publication(long offset, byte[] data, ClientInfo info) {}
