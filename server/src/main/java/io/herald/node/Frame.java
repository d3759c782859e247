package io.herald.node;

import java.nio.charset.StandardCharsets;

/**
 * One encoded outbound message (a JSON-RPC object or batch, UTF-8). Immutable and shareable: a
 * publication is encoded into one frame per node and the same frame is handed to every
 * subscriber, so transports must never modify {@link #bytes()}.
 */
public final class Frame {

  private final byte[] bytes;

  private Frame(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps {@code bytes} without copying; the caller gives up the right to change them. */
  public static Frame wrap(byte[] bytes) {
    return new Frame(bytes);
  }

  /** The encoded message; callers must not modify the array. */
  public byte[] bytes() {
    return bytes;
  }

  /** Size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The message as text (for logs and tests). */
  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
