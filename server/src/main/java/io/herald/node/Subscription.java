package io.herald.node;

import io.herald.config.NamespaceConfig;

/**
 * One channel a session is subscribed to.
 *
 * @param channel the parsed channel
 * @param namespace its namespace options
 * @param chanInfo raw JSON {@code info} of the subscription token, or null
 */
record Subscription(ChannelName channel, NamespaceConfig namespace, byte[] chanInfo) {}
