/**
 * Engine implementation over NATS core (jnats): the broker, with history and presence from the
 * memory or Redis engine through the SPI. Depends on the {@code engine} SPI, {@code
 * engine.memory}, {@code engine.redis} (to build those stores), {@code config} and jnats.
 */
package io.herald.engine.nats;
