/**
 * Engine implementation: everything in one process, the single-node default. Depends on the
 * {@code engine} SPI only.
 */
package io.herald.engine.memory;
