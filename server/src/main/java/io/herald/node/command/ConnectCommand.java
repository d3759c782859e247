package io.herald.node.command;

import java.util.Map;

/**
 * {@code connect}: must be the first command of a connection.
 *
 * @param token connection JWT, or null for anonymous (when allowed)
 * @param name client name for logs, or null
 * @param version client version for logs, or null
 * @param subs channels to subscribe to (with recovery) as part of connecting, by channel, in the
 *     client's order
 */
public record ConnectCommand(
    String token, String name, String version, Map<String, SubscribeCommand> subs)
    implements Command {

  public ConnectCommand {
    subs = subs == null ? Map.of() : subs;
  }

  /** A connect without {@code subs}. */
  public ConnectCommand(String token, String name, String version) {
    this(token, name, version, Map.of());
  }
}
