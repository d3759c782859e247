package io.herald.node.protocol;

/**
 * {@code presence}: who is subscribed to {@code channel}.
 *
 * @param channel channel to look at
 */
public record PresenceCommand(String channel) implements Command {}
