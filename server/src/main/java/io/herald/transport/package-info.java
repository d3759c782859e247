/**
 * Adapter: the network front door (Netty): the connection pipeline, WebSocket and the HTTP
 * fallbacks (SSE, long-poll) as session {@link io.herald.node.protocol.Transport}s, and route
 * registration ({@link io.herald.transport.HttpRoutes}) through which features mount their HTTP
 * routes and protocol adapters their WebSocket endpoints at start-up.
 *
 * <p>May depend on {@code node} (the facade and sessions), {@code node.protocol}, {@code config},
 * {@code json}, Netty and Jackson. Never on a feature package ({@code api}, {@code admin}, {@code
 * ingest}, {@code ops}, {@code proxy}, {@code webhooks}) or a protocol adapter ({@code
 * protocol.*}, {@code pusher}).
 */
package io.herald.transport;
