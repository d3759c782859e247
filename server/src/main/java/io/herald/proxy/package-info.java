/**
 * The backend proxy over HTTP: {@link io.herald.proxy.HttpBackendProxy} implements the node's
 * {@link io.herald.node.proxy.BackendProxy} with the JDK's asynchronous {@code HttpClient}
 * (HTTP/1.1 keep-alive; HTTP/2 with {@code https} backends that offer it) and Jackson for the
 * JSON. No call blocks the caller; answers are handed to the session's loop. The backend contract
 * is in docs/proxy.md.
 */
package io.herald.proxy;
