package io.herald.node.protocol;

/**
 * {@code presenceStats}: how many clients and users are subscribed to {@code channel}.
 *
 * @param channel channel to look at
 */
public record PresenceStatsCommand(String channel) implements Command {}
