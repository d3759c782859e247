/**
 * Internal: wire forms the distributed engine implementations share (the control messages' JSON
 * in {@link io.herald.engine.wire.ControlCodec}). Not part of the SPI; depends on the {@code engine}
 * value types and Jackson.
 */
package io.herald.engine.wire;
