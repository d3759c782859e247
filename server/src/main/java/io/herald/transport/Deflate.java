package io.herald.transport;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * permessage-deflate compression of one message without context takeover (RFC 7692, 7.2.1): a
 * raw DEFLATE stream flushed with SYNC_FLUSH, its final empty block ({@code 00 00 ff ff})
 * removed. One {@link Deflater} per thread, reset for every message, so no connection holds
 * compression state.
 */
final class Deflate {

  private static final ThreadLocal<Deflater[]> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater[10]);

  private Deflate() {}

  /** {@code payload} compressed at {@code level} (1-9). */
  static byte[] compress(byte[] payload, int level) {
    Deflater[] byLevel = DEFLATERS.get();
    Deflater deflater = byLevel[level];
    if (deflater == null) {
      deflater = new Deflater(level, true);
      byLevel[level] = deflater;
    }
    deflater.reset();
    deflater.setInput(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, payload.length / 2));
    byte[] chunk = new byte[Math.max(64, Math.min(payload.length + 64, 16384))];
    int n;
    do {
      n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
      out.write(chunk, 0, n);
    } while (n == chunk.length);
    byte[] all = out.toByteArray();
    int end = all.length;
    if (end >= 4 && all[end - 4] == 0 && all[end - 3] == 0 && all[end - 2] == (byte) 0xff
        && all[end - 1] == (byte) 0xff) {
      end -= 4;
    }
    return java.util.Arrays.copyOf(all, end);
  }
}
