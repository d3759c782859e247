package io.herald.node.command;

/**
 * {@code publish} from a client.
 *
 * @param channel target channel
 * @param data raw JSON of the payload
 */
public record PublishCommand(String channel, byte[] data) implements Command {}
