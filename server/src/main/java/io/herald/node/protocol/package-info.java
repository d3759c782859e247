/**
 * SPI: the protocol seam (docs/adding-a-protocol.md). What a protocol adapter and a transport see
 * of the session core: {@link io.herald.node.protocol.Protocol}, {@link
 * io.herald.node.protocol.ProtocolEncoder}, {@link io.herald.node.protocol.FrameDecoder}, the
 * commands and results, error, disconnect and unsubscribe codes, and what a transport gives a
 * session ({@link io.herald.node.protocol.Transport}, {@link io.herald.node.protocol.SessionLoop},
 * {@link io.herald.node.protocol.Frame}, {@link io.herald.node.protocol.Handshake}).
 *
 * <p>Interfaces and value types only; depends on the {@code engine} value types and nothing else
 * of Herald.
 */
package io.herald.node.protocol;
