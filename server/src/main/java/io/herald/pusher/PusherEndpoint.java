package io.herald.pusher;

import io.herald.config.PusherApp;
import io.herald.node.DrivenSession;
import io.herald.node.Node;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.Transport;
import io.herald.transport.WebSocketConnection;
import io.herald.transport.WebSocketEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pusher's WebSocket endpoint, {@code /app/<key>?protocol=7&client=...&version=...}. A connection
 * to an unknown key is closed with 4001, to a disabled app with 4003, over the app's {@code
 * maxConnections} with 4004, without a protocol version with 4008 and with one other than 7 with
 * 4007, each after a {@code pusher:error} naming the reason. Every other connection gets a node
 * session, connected at once (Pusher clients authenticate per channel, with signatures), and a
 * {@link PusherConnection} that speaks the protocol. Runs on the connections' event loops.
 */
public final class PusherEndpoint implements WebSocketEndpoint {

  /** Mount path: the endpoint serves {@code /app/<key>}. */
  public static final String PATH = "/app";

  /** The protocol version Herald speaks. */
  public static final String PROTOCOL = "7";

  private final Node node;
  private final PusherApps.Live apps;
  private final PusherProtocol protocol = new PusherProtocol();
  private final Map<String, AtomicInteger> connectionsPerApp = new ConcurrentHashMap<>();
  private final int channelLimit;
  private final PusherWebhooks webhooks;

  /**
   * @param channelLimit most channels per connection ({@code client.channelLimit})
   * @param webhooks where client events and cache misses are reported
   */
  public PusherEndpoint(Node node, PusherApps.Live apps, int channelLimit,
      PusherWebhooks webhooks) {
    this.webhooks = webhooks;
    this.node = node;
    this.apps = apps;
    this.channelLimit = channelLimit;
  }

  @Override
  public Session open(WebSocketConnection connection) {
    Handshake kept = Handshake.of(connection.headers(), node.handshakeHeaders());
    Transport transport = connection.transport(kept);
    String path = connection.path();
    String key = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : "";
    PusherApp app = apps.get().byKey(key);
    List<String> version = connection.query().get("protocol");
    Disconnect refused = app == null ? CloseCodes.UNKNOWN_APP
        : !app.enabled() ? CloseCodes.APP_DISABLED
        : version == null || version.isEmpty() ? CloseCodes.NO_PROTOCOL
        : !PROTOCOL.equals(version.get(0)) ? CloseCodes.UNSUPPORTED_PROTOCOL
        : null;
    AtomicInteger count = app == null ? null
        : connectionsPerApp.computeIfAbsent(app.id(), id -> new AtomicInteger());
    if (refused == null && app.maxConnections() > 0
        && count.incrementAndGet() > app.maxConnections()) {
      count.decrementAndGet();
      refused = CloseCodes.OVER_QUOTA;
    } else if (refused == null && app.maxConnections() <= 0) {
      count.incrementAndGet();
    }
    if (refused != null) {
      transport.write(Frame.wrap(PusherFrames.error(refused.code(), refused.reason())));
      transport.close(refused);
      return Refused.INSTANCE;
    }
    String socketId = PusherConnection.newSocketId();
    DrivenSession session = node.openDriven(transport, protocol, socketId, "");
    PusherConnection pusher =
        new PusherConnection(app, () -> apps.get().byId(app.id()),
        new SessionCore(node, session), socketId, channelLimit, webhooks);
    protocol.opened(pusher);
    pusher.start();
    return new Session() {
      @Override
      public void text(byte[] message) {
        node.metrics().received(session.transportName(), message.length);
        pusher.message(message);
      }

      @Override
      public void closed() {
        pusher.closed();
        protocol.closed(pusher);
        count.decrementAndGet();
        session.transportClosed();
      }
    };
  }

  /** The session of a refused connection: ignores what arrives before the close. */
  private enum Refused implements Session {
    INSTANCE;

    @Override
    public void text(byte[] message) {}

    @Override
    public void closed() {}
  }
}
