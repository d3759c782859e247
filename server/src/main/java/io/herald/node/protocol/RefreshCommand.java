package io.herald.node.protocol;

/** {@code refresh}: replaces the connection token before it expires. */
public record RefreshCommand(String token) implements Command {}
