package io.herald.proxy;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects bytes into lines ending in {@code \n} (a {@code \r} before it is dropped), up to a
 * bound. Not thread-safe.
 */
final class LineBuffer {

  private final int max;
  private byte[] bytes = new byte[256];
  private int length;
  private boolean tooLong;

  LineBuffer(int max) {
    this.max = max;
  }

  /**
   * Appends bytes of {@code in} up to and including the next {@code \n}.
   *
   * @return true when a line is complete (read it with {@link #line()}, then {@link #clear()})
   */
  boolean fill(ByteBuffer in) {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (b == '\n') {
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return true;
      }
      if (length == max) {
        tooLong = true;
        continue;
      }
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(max, bytes.length * 2));
      }
      bytes[length++] = b;
    }
    return false;
  }

  /** True when the current line passed the bound (its bytes beyond it were dropped). */
  boolean tooLong() {
    return tooLong;
  }

  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  /** The current line's bytes, copied. */
  byte[] line() {
    return Arrays.copyOf(bytes, length);
  }

  void clear() {
    length = 0;
    tooLong = false;
    if (bytes.length > 4096) {
      bytes = new byte[256];
    }
  }
}
