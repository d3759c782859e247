package io.herald.node.protocol;

/**
 * {@code publish} from a client.
 *
 * @param channel target channel
 * @param data raw JSON of the payload
 * @param idempotencyKey a key that makes a retry of this publish deliver nothing new, or null
 */
public record PublishCommand(String channel, byte[] data, String idempotencyKey)
    implements Command {

  /** A publish without idempotency key. */
  public PublishCommand(String channel, byte[] data) {
    this(channel, data, null);
  }
}
