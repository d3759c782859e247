package io.herald.node;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.node.command.RequestId;
import io.herald.node.command.Result;
import java.util.List;

/**
 * Encodes what the node sends into wire frames. The node holds no JSON library; the protocol
 * layer implements this once. Implementations are stateless and thread-safe.
 */
public interface ProtocolEncoder {

  /** One JSON-RPC response object with {@code result}, not yet framed (it may join a batch). */
  byte[] response(RequestId id, Result result);

  /** One JSON-RPC response object with {@code error}. */
  byte[] error(RequestId id, RpcError error);

  /** Frames responses: a single object as is, or several as a JSON array when {@code batch}. */
  Frame frame(List<byte[]> responses, boolean batch);

  /** {@code publication} notification; called once per publication per node. */
  Frame publication(String channel, Publication publication);

  /** {@code join} notification {@code {channel, info}}; called once per join per node. */
  Frame join(String channel, ClientInfo info);

  /** {@code leave} notification {@code {channel, info}}; called once per leave per node. */
  Frame leave(String channel, ClientInfo info);

  /** {@code ping} notification. */
  Frame ping();

  /** {@code disconnect} notification sent just before a close. */
  Frame disconnect(Disconnect disconnect);

  /** Server-side {@code subscribe} notification. */
  Frame subscribed(String channel, Result.Subscribe result);

  /** Server-side {@code unsubscribe} notification. */
  Frame unsubscribed(String channel, Unsubscribe unsubscribe);

  /**
   * {@code stream} notification: chunk {@code seq} (from 0) of the rpc with request {@code id}.
   *
   * @param data one well-formed raw JSON value
   */
  Frame stream(RequestId id, long seq, byte[] data);
}
