package io.herald.node.proxy;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcError;
import java.time.Instant;
import java.util.List;

/** What the backend decided about a {@code connect}. */
public sealed interface ConnectReply {

  /**
   * The connection is accepted.
   *
   * @param user the user id ({@code ""}: anonymous)
   * @param info raw JSON attached to the connection's publications (their {@code info}), or null
   * @param channels channels to subscribe the connection to, server-side
   * @param expireAt when the connection must be refreshed, or null for never
   */
  record Accepted(String user, byte[] info, List<String> channels, Instant expireAt)
      implements ConnectReply {
    public Accepted {
      channels = List.copyOf(channels);
    }
  }

  /** The connect fails with the backend's {@code error}; the connection is closed (3500). */
  record Refused(RpcError error) implements ConnectReply {}

  /** The connection is closed with the backend's code and reason. */
  record Disconnected(Disconnect disconnect) implements ConnectReply {}
}
