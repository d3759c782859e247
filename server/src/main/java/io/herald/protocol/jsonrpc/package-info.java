/**
 * Adapter: JSON-RPC 2.0, Herald's own client protocol (docs/protocol.md), behind the node's
 * protocol seam: {@link io.herald.protocol.jsonrpc.JsonRpcProtocol}, its decoder and encoder.
 *
 * <p>May depend on {@code node.protocol}, {@code engine} value types, {@code config}, {@code json}
 * and Jackson. Neither {@code node} nor {@code transport} depends on it.
 */
package io.herald.protocol.jsonrpc;
