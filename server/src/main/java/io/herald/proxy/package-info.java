/**
 * The backend proxy over HTTP: {@link io.herald.proxy.HttpBackendProxy} implements the node's
 * {@link io.herald.node.proxy.BackendProxy} with one Netty HTTP/1.1 client (keep-alive, TLS for
 * {@code https://}, asynchronous DNS) that runs every call on the calling session's own event
 * loop, and Jackson for the JSON. No call blocks a loop. May depend on Netty, Jackson, {@code
 * config/} and {@code node/} (the proxy SPI and protocol types); nothing depends on it but the
 * server wiring. The backend contract is in docs/proxy.md.
 */
package io.herald.proxy;
