/**
 * Adapter: the Pusher Channels protocol, version 7 (docs/pusher.md). pusher-js, Laravel Echo and
 * Pusher's server SDKs talk to Herald through it unchanged.
 *
 * <ul>
 *   <li>apps ({@link io.herald.pusher.PusherApps}) and how an app's channels map onto Herald
 *       channels in namespace {@code pusher.<id>} ({@link io.herald.pusher.PusherChannel}), so
 *       presence, history, engines, clusters and metrics work unchanged;
 *   <li>signatures: channel authorization, user sign-in and HTTP API requests ({@link
 *       io.herald.pusher.Signatures}, {@link io.herald.pusher.RequestSignature});
 *   <li>the HTTP API {@code /apps/<id>/...} ({@link io.herald.pusher.PusherApi}), served
 *       through the node's server-facing facade.
 * </ul>
 *
 * <p>Depends on {@code config}, the node's facade ({@code io.herald.node.Node} and its value
 * types), the engine's value types and Jackson. Nothing in {@code node}, {@code engine} or {@code
 * transport} depends on it; the composition root ({@code server}) wires it in.
 */
package io.herald.pusher;
