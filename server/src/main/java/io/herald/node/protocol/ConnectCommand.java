package io.herald.node.protocol;

import java.util.Map;

/**
 * {@code connect}: must be the first command of a connection.
 *
 * @param token connection JWT, or null for anonymous (when allowed)
 * @param name client name for logs, or null
 * @param version client version for logs, or null
 * @param subs channels to subscribe to (with recovery) as part of connecting, by channel, in the
 *     client's order
 * @param data raw JSON {@code data} for the connect proxy, or null
 * @param batch whether the client reads several messages coalesced into one array message
 */
public record ConnectCommand(
    String token,
    String name,
    String version,
    Map<String, SubscribeCommand> subs,
    byte[] data,
    boolean batch)
    implements Command {

  public ConnectCommand {
    subs = subs == null ? Map.of() : subs;
  }

  /** A connect without {@code batch}. */
  public ConnectCommand(
      String token, String name, String version, Map<String, SubscribeCommand> subs, byte[] data) {
    this(token, name, version, subs, data, false);
  }

  /** A connect without {@code data}. */
  public ConnectCommand(
      String token, String name, String version, Map<String, SubscribeCommand> subs) {
    this(token, name, version, subs, null, false);
  }

  /** A connect without {@code subs} and {@code data}. */
  public ConnectCommand(String token, String name, String version) {
    this(token, name, version, Map.of(), null, false);
  }
}
