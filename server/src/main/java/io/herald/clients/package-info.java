/**
 * Internal: building clients of external services from config values, shared by the engines,
 * ingestion and webhooks: Redis TLS trust and host lists ({@link io.herald.clients.RedisClients}),
 * NATS credentials ({@link io.herald.clients.NatsCredentials}). Depends on Lettuce and jnats
 * only; never on an engine implementation, so no feature borrows an engine's internals.
 */
package io.herald.clients;
