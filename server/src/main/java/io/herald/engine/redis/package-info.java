/**
 * Engine implementation over Redis (Lettuce): pub/sub per channel, streams for history, hashes
 * for presence, Lua scripts for the atomic append and publish, sharding over several Redis
 * deployments. Depends on the {@code engine} SPI, {@code config} (its {@code RedisConfig}) and
 * Lettuce.
 */
package io.herald.engine.redis;
