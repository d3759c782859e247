package io.herald.pusher;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.node.protocol.DecodedFrame;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.FrameDecoder;
import io.herald.node.protocol.Incoming;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.ProtocolEncoder;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Unsubscribe;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pusher Channels as the session core sees it. Pusher connections are driven by their {@link
 * PusherConnection} (no command decoding: the connection calls its session directly), so the
 * core only needs this protocol for what it sends on its own: publications (encoded once per
 * publication, {@link PusherEncoder}), presence changes (handed to the subscribed connection,
 * which announces members once per user), the close codes it maps to Pusher's, and the filter
 * that keeps a client event from its sender. No pings (Pusher's activity timeout is the
 * connection's own), no server-side subscribe notifications, no rpc, no recovery.
 */
final class PusherProtocol implements Protocol {

  /** The connections of this node by socket id, for presence changes. */
  private final Map<String, PusherConnection> connections = new ConcurrentHashMap<>();
  private final Encoder encoder = new Encoder();

  void opened(PusherConnection connection) {
    connections.put(connection.socketId(), connection);
  }

  void closed(PusherConnection connection) {
    connections.remove(connection.socketId(), connection);
  }

  @Override
  public String name() {
    return "pusher";
  }

  @Override
  public ProtocolEncoder encoder() {
    return encoder;
  }

  @Override
  public FrameDecoder decoder() {
    return message -> DecodedFrame.single(new Incoming.Invalid(RequestId.NULL,
        new RpcError(-32601, "Pusher connections are driven by their adapter")));
  }

  @Override
  public Set<Feature> features() {
    return Set.of();
  }

  @Override
  public boolean delivers(Publication publication, String clientId) {
    return PusherEncoder.delivers(publication, clientId);
  }

  @Override
  public void presence(String clientId, String channel, ClientInfo info, boolean joined) {
    PusherConnection c = connections.get(clientId);
    if (c != null) {
      if (joined) {
        c.joined(channel, info);
      } else {
        c.left(channel, info);
      }
    }
  }

  @Override
  public Disconnect closing(Disconnect disconnect) {
    return CloseCodes.pusher(disconnect);
  }

  /** The frames of the core's own events, in Pusher's format. */
  private static final class Encoder implements ProtocolEncoder {

    @Override
    public byte[] response(RequestId id, Result result) {
      return null;
    }

    @Override
    public byte[] error(RequestId id, RpcError error) {
      return PusherFrames.error(null, error.message());
    }

    @Override
    public Frame frame(List<byte[]> responses, boolean batch) {
      return responses.isEmpty() || responses.get(0) == null ? null : Frame.wrap(responses.get(0));
    }

    @Override
    public Frame publication(String channel, Publication publication) {
      return Frame.shared(PusherEncoder.publication(channel, publication));
    }

    @Override
    public Frame join(String channel, ClientInfo info) {
      return null;
    }

    @Override
    public Frame leave(String channel, ClientInfo info) {
      return null;
    }

    @Override
    public Frame ping() {
      return null;
    }

    @Override
    public Frame disconnect(Disconnect disconnect) {
      Disconnect d = CloseCodes.pusher(disconnect);
      return Frame.wrap(PusherFrames.error(d.code(), d.reason()));
    }

    @Override
    public Frame subscribed(String channel, Result.Subscribe result) {
      return null;
    }

    @Override
    public Frame unsubscribed(String channel, Unsubscribe unsubscribe) {
      return null;
    }

    @Override
    public Frame stream(RequestId id, long seq, byte[] data) {
      return null;
    }
  }
}
