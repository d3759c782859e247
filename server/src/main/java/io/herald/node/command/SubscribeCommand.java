package io.herald.node.command;

/**
 * {@code subscribe}.
 *
 * @param channel channel to subscribe to
 * @param token subscription JWT (required for private {@code $} channels), or null
 */
public record SubscribeCommand(String channel, String token) implements Command {}
