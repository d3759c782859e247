package io.herald.node.command;

/** {@code unsubscribe} from {@code channel}. */
public record UnsubscribeCommand(String channel) implements Command {}
