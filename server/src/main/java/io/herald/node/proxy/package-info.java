/**
 * The seam between the node and the application's backend: {@link io.herald.node.proxy.BackendProxy}
 * is what the node asks of a backend (who is this connection, answer this rpc, may this publish
 * or subscribe happen), in plain Java types. The HTTP implementation, with its JSON, lives in
 * {@code io.herald.proxy}; this package uses neither Netty nor Jackson.
 */
package io.herald.node.proxy;
