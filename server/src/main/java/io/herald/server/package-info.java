/**
 * The composition root: {@link io.herald.server.HeraldServer} builds config, metrics, engine,
 * node, protocol adapters and features, mounts every feature's routes on the ports ({@code
 * PortRoutes}), binds them, reloads and shuts down in order. The only package that knows them
 * all; only {@code cli} depends on it.
 */
package io.herald.server;
