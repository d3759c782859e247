package io.herald.node.command;

/**
 * {@code connect}: must be the first command of a connection.
 *
 * @param token connection JWT, or null for anonymous (when allowed)
 * @param name client name for logs, or null
 * @param version client version for logs, or null
 */
public record ConnectCommand(String token, String name, String version) implements Command {}
