package io.herald.node.proxy;

import io.herald.node.protocol.Handshake;

/**
 * Who a backend call is made for: the connection and what its transport captured of the
 * handshake.
 *
 * @param client the connection's id
 * @param user the user id; {@code ""} while connecting or when anonymous
 * @param transport the transport's name, e.g. {@code websocket}
 * @param handshake the handshake request headers the transport kept for the proxies
 */
public record Caller(String client, String user, String transport, Handshake handshake) {}
