package io.herald.transport;

import io.herald.node.ClientSession;
import io.herald.node.Node;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.Protocol;

/**
 * A WebSocket endpoint for any text {@link Protocol} whose sessions need nothing at open beyond
 * the node's session (JSON-RPC at {@code /connection/websocket}): each connection gets a node
 * session speaking the protocol; each text message is decoded by the protocol into commands for
 * it. A protocol that must greet its clients or keep per-connection state implements {@link
 * WebSocketEndpoint} itself.
 */
public final class ProtocolWebSocket implements WebSocketEndpoint {

  private final Node node;
  private final Protocol protocol;

  public ProtocolWebSocket(Node node, Protocol protocol) {
    this.node = node;
    this.protocol = protocol;
  }

  @Override
  public Connection open(WebSocketConnection connection) {
    Handshake kept = Handshake.of(connection.headers(), node.handshakeHeaders());
    return new Connection(node.open(connection.transport(kept), protocol));
  }

  /** One connection's session. */
  final class Connection implements Session {
    private final ClientSession session;

    Connection(ClientSession session) {
      this.session = session;
    }

    @Override
    public void text(byte[] message) {
      node.metrics().received(session.transportName(), message.length);
      session.handle(protocol.decoder().decode(message));
    }

    @Override
    public void closed() {
      session.transportClosed();
    }

    /** The node session of this connection. */
    ClientSession clientSession() {
      return session;
    }
  }
}
