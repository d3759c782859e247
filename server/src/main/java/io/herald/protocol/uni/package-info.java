/**
 * The unidirectional endpoints (docs/uni.md): {@code GET /connection/uni/sse} (an event stream
 * for the browser's own {@code EventSource}), {@code /connection/uni/websocket} (plain JSON
 * messages) and {@code /connection/uni/stream} (newline-delimited JSON for {@code curl -N}).
 * Server to client only: the connection's channels and positions come with the request, and the
 * node's session does the rest (auth, permissions, limits, metrics, recovery).
 *
 * <p>A protocol adapter: may depend on {@code node}, {@code node.protocol}, {@code engine} value
 * types, {@code transport} (to mount its endpoints and stream answers), {@code config} and
 * Jackson; nothing depends on it but the composition root ({@code server}).
 */
package io.herald.protocol.uni;
