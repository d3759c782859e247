package io.herald.node.protocol;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import java.util.List;

/**
 * Encodes what the node sends into one protocol's wire frames: the {@link Protocol}'s outbound
 * half. The node holds no JSON library; each protocol adapter implements this once.
 * Implementations are stateless and thread-safe; see {@link Protocol} for which methods run on
 * which threads and what is encoded once per publication.
 *
 * <p>A method returning null means "this protocol sends nothing for it" (the node then writes
 * nothing); the JSON-RPC encoder never returns null.
 */
public interface ProtocolEncoder {

  /**
   * One reply to request {@code id} with {@code result}, not yet framed (it may join a batch).
   * {@code id} is whatever the protocol's decoder put into the command's {@link Incoming.Call}.
   */
  byte[] response(RequestId id, Result result);

  /** One error reply to request {@code id}. */
  byte[] error(RequestId id, RpcError error);

  /** Frames replies: a single one as is, or several as one batch when {@code batch}. */
  Frame frame(List<byte[]> responses, boolean batch);

  /** A publication; called once per publication per node and protocol, shared by subscribers. */
  Frame publication(String channel, Publication publication);

  /** A client joined {@code channel}; called once per join per node and protocol. */
  Frame join(String channel, ClientInfo info);

  /** A client left {@code channel}; called once per leave per node and protocol. */
  Frame leave(String channel, ClientInfo info);

  /** The server's ping ({@link Protocol.Feature#PING}). */
  Frame ping();

  /** The notification sent just before the node closes the connection, or null for none. */
  Frame disconnect(Disconnect disconnect);

  /** A server-side subscribe ({@link Protocol.Feature#SERVER_SUBSCRIBE}). */
  Frame subscribed(String channel, Result.Subscribe result);

  /** A server-side unsubscribe ({@link Protocol.Feature#SERVER_SUBSCRIBE}). */
  Frame unsubscribed(String channel, Unsubscribe unsubscribe);

  /**
   * Chunk {@code seq} (from 0) of the rpc with request {@code id} ({@link Protocol.Feature#RPC}).
   *
   * @param data one well-formed raw JSON value
   */
  Frame stream(RequestId id, long seq, byte[] data);
}
