package io.herald.node.protocol;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import java.util.Set;

/**
 * A client wire protocol as the session core sees it: the seam between the node (which speaks
 * Herald's {@link Command commands}, {@link Result results} and events) and a protocol adapter
 * (JSON-RPC 2.0 in {@code io.herald.protocol.jsonrpc}, later others such as Pusher Channels).
 * The adapter turns its inbound frames into commands ({@link #decoder}) and the node's answers
 * and events into frames ({@link #encoder}); it owns its endpoint path (it mounts a WebSocket
 * endpoint and opens sessions with {@code Node.open(transport, protocol)}).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Threading.</b> An implementation is immutable and thread-safe: one instance serves
 *       every session of its protocol. {@link #encoder()}'s publication, join and leave methods
 *       are called on the broker's threads (fan-out); everything else on the session's loop. No
 *       method may block.
 *   <li><b>Encode once.</b> A publication (and a join or leave) is encoded once per protocol that
 *       has subscribers of the channel on this node, lazily, only for protocols present; the one
 *       {@link Frame} is then shared by every subscriber of that protocol, so encoders must not
 *       put per-connection data into it. Each event loop still gets one task per publication.
 *       (A subscriber joining while a publication is in flight may make its protocol's frame be
 *       encoded by its loop at delivery; still at most once per protocol and publication in the
 *       common case.) Per-connection data goes into per-connection frames (replies,
 *       notifications) written with {@code ClientSession.send}.
 *   <li><b>Errors.</b> Commands fail with {@link RpcException} carrying an {@link RpcError}
 *       (Herald's code table); the encoder maps it to the protocol's error shape ({@link
 *       ProtocolEncoder#error}). A decoder never throws: what it cannot read becomes an {@link
 *       Incoming.Invalid} element with an {@link RpcError}.
 *   <li><b>Close codes.</b> The node closes sessions with a {@link Disconnect} (Herald's codes,
 *       3000-4999); {@link #closing} maps it to what the protocol's clients expect (its own close
 *       code and reason) before the transport closes. {@link ProtocolEncoder#disconnect} is the
 *       frame sent just before, or null for none.
 *   <li><b>What it supports.</b> {@link #features} declares the optional behaviours the node may
 *       use with its sessions; the node never sends a frame of a feature the protocol lacks (no
 *       pings without {@link Feature#PING}, no server-side subscribe notification without {@link
 *       Feature#SERVER_SUBSCRIBE}). Commands a protocol cannot express its decoder never produces.
 *   <li><b>Delivery filter.</b> {@link #delivers} may keep a publication from one connection
 *       (e.g. a client event must not echo back to the client that sent it).
 *   <li><b>Driven sessions.</b> A protocol that authenticates and authorizes on its own (Pusher's
 *       signatures) opens its sessions with {@code Node.openDriven} and calls them directly
 *       ({@code DrivenSession}: subscribe as a member, sign in, send, disconnect) instead of
 *       decoding commands; {@link #presence} tells it of joins and leaves per connection.
 * </ul>
 */
public interface Protocol {

  /** Optional behaviours the node uses only when a protocol declares them. */
  enum Feature {
    /** Server pings the client every {@code client.pingInterval} and expects a pong. */
    PING,
    /** Server-side subscribe and unsubscribe notifications (API {@code subscribe}, tokens). */
    SERVER_SUBSCRIBE,
    /** Join and leave notifications of channels with presence. */
    JOIN_LEAVE,
    /** History and recovery with offsets and epochs. */
    RECOVERY,
    /** {@code rpc} calls with streamed chunks. */
    RPC
  }

  /** Short name for logs and metrics labels, e.g. {@code jsonrpc}; unique per node. */
  String name();

  /** Turns the node's answers and events into this protocol's frames. */
  ProtocolEncoder encoder();

  /** Turns one inbound text message of this protocol into commands. */
  FrameDecoder decoder();

  /** What this protocol supports beyond commands in, replies and publications out. */
  Set<Feature> features();

  /** True when {@code feature} is among {@link #features}. */
  default boolean supports(Feature feature) {
    return features().contains(feature);
  }

  /**
   * Whether connection {@code clientId} of this protocol receives {@code publication}; called on
   * the connection's loop for every delivery, so it must be cheap. Default: always.
   */
  default boolean delivers(Publication publication, String clientId) {
    return true;
  }

  /**
   * A client joined ({@code joined}) or left {@code channel}, and connection {@code clientId} of
   * this protocol subscribed to it with joins and leaves: called on that connection's loop, once
   * per connection, before the shared {@link ProtocolEncoder#join}/{@link ProtocolEncoder#leave}
   * frame (if any) is written. For protocols that announce members per connection rather than
   * with one frame for all (Pusher's {@code member_added} once per user). Must be cheap and
   * never block. Default: nothing.
   */
  default void presence(String clientId, String channel, ClientInfo info, boolean joined) {}

  /**
   * The close code and reason this protocol's clients get for {@code disconnect}. Default: the
   * same (Herald's own table).
   */
  default Disconnect closing(Disconnect disconnect) {
    return disconnect;
  }
}
