package io.herald.node.protocol;

/** {@code pong}: the answer to a server {@code ping}. */
public record PongCommand() implements Command {

  /** The only instance needed. */
  public static final PongCommand INSTANCE = new PongCommand();
}
