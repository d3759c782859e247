package io.herald.node.proxy;

/**
 * A client {@code subscribe} in a namespace with {@code subscribeProxy}.
 *
 * @param caller the subscribing client
 * @param channel the channel
 */
public record SubscribeRequest(Caller caller, String channel) {}
