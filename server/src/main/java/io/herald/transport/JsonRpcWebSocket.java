package io.herald.transport;

import io.herald.node.ClientSession;
import io.herald.node.Handshake;
import io.herald.node.Node;
import io.herald.protocol.JsonRpcDecoder;

/**
 * Herald's own protocol (JSON-RPC 2.0) on a WebSocket endpoint, {@value #PATH} by default: each
 * connection gets a node session; each text message is decoded into calls for it.
 */
public final class JsonRpcWebSocket implements WebSocketEndpoint {

  /** Where clients open JSON-RPC WebSockets. */
  public static final String PATH = "/connection/websocket";

  private final Node node;
  private final JsonRpcDecoder decoder;

  public JsonRpcWebSocket(Node node, JsonRpcDecoder decoder) {
    this.node = node;
    this.decoder = decoder;
  }

  @Override
  public Connection open(WebSocketConnection connection) {
    Handshake kept = Handshake.of(connection.headers(), node.handshakeHeaders());
    return new Connection(node.open(connection.transport(kept)));
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
      session.handle(decoder.decode(message));
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
