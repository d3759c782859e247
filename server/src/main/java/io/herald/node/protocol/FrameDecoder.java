package io.herald.node.protocol;

/**
 * Turns one inbound text message of a protocol into the commands it carries. Never throws: what
 * cannot be read becomes {@link Incoming.Invalid} elements. Thread-safe.
 */
@FunctionalInterface
public interface FrameDecoder {

  /** Decodes {@code message} (UTF-8 bytes). */
  DecodedFrame decode(byte[] message);
}
