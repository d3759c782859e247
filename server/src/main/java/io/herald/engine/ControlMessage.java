package io.herald.engine;

import java.util.Objects;

/**
 * A message between the nodes of a cluster, never seen by clients: server API commands that must
 * reach a user's connections on whichever nodes hold them, node liveness for API {@code info},
 * and client data for a session that lives on another node. Sent with {@link
 * Broker#publishControl}; every node, the sender included, receives it in {@link
 * BrokerEventHandler#onControl}. The distributed engines give each kind its bytes on the wire ({@code engine.wire.ControlCodec}).
 */
public sealed interface ControlMessage {

  /**
   * Disconnect {@code user}'s connections, or only the one with id {@code client}.
   *
   * @param client a connection id, or null for every connection of the user
   * @param code the close code (3000-4999)
   * @param reason the close reason, at most 123 bytes of UTF-8
   */
  record Disconnect(String user, String client, int code, String reason)
      implements ControlMessage {
    public Disconnect {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Subscribe every connection of {@code user} to {@code channel}, server-side. */
  record Subscribe(String user, String channel) implements ControlMessage {
    public Subscribe {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /** Unsubscribe every connection of {@code user} from {@code channel}. */
  record Unsubscribe(String user, String channel) implements ControlMessage {
    public Unsubscribe {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /** A node is alive and reports its counters; sent every few seconds by every node. */
  record NodeAlive(NodeInfo info) implements ControlMessage {
    public NodeAlive {
      Objects.requireNonNull(info, "info");
    }
  }

  /** The node {@code uid} is shutting down; the others forget it at once. */
  record NodeLeft(String uid) implements ControlMessage {
    public NodeLeft {
      Objects.requireNonNull(uid, "uid");
    }
  }

  /**
   * Client-to-server data for session {@code session}, which lives on node {@code node}: a
   * request of an emulated transport (an HTTP POST) that reached another node. Only {@code node}
   * acts on it.
   *
   * @param data the client's JSON-RPC message or batch, as sent
   */
  record SessionData(String node, String session, byte[] data) implements ControlMessage {
    public SessionData {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * The emulated-transport session {@code session} ended on the node that issued it: every node
   * answers client data for it at once (404) instead of sending {@link SessionData} for it.
   */
  record SessionEnded(String session) implements ControlMessage {
    public SessionEnded {
      Objects.requireNonNull(session, "session");
    }
  }
}
