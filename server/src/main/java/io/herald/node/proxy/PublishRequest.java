package io.herald.node.proxy;

/**
 * A client {@code publish} in a namespace with {@code publishProxy}.
 *
 * @param caller the publishing client
 * @param channel the channel
 * @param data raw JSON of the publication
 */
public record PublishRequest(Caller caller, String channel, byte[] data) {}
