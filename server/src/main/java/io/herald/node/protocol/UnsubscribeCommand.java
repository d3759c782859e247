package io.herald.node.protocol;

/** {@code unsubscribe} from {@code channel}. */
public record UnsubscribeCommand(String channel) implements Command {}
