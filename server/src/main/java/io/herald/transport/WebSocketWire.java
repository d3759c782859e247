package io.herald.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Server-to-client WebSocket text frames built once and written as they are. A server frame is
 * never masked (RFC 6455, 5.1), so its bytes are the same for every connection: a publication is
 * framed once into one direct buffer and each subscriber writes a duplicate of it (own indices,
 * same memory), with no copy and no encoder work per subscriber.
 *
 * <p>The buffer wraps a JDK direct {@link ByteBuffer} and is unreleasable: the releases Netty
 * makes after each write are no-ops, and the JDK frees the memory once the frame that caches the
 * buffer is garbage.
 */
final class WebSocketWire {

  private static final int FIN_TEXT = 0x81;
  private static final int FIN_RSV1_TEXT = 0xC1;

  private WebSocketWire() {}

  /** The complete frame (header and payload) carrying {@code payload} as one text message. */
  static ByteBuf textFrame(byte[] payload) {
    return frame(FIN_TEXT, payload, true);
  }

  /**
   * The payload of a {@link #textFrame} as a member of a coalesced JSON array: a slice of the
   * same memory, followed by a comma unless {@code last}. The comma is stored once per frame,
   * just past its readable bytes, so an array needs no separate buffer (and no write vector) per
   * separator.
   */
  static ByteBuf arrayMember(ByteBuf textFrame, int payloadLength, boolean last) {
    return textFrame.slice(headerLength(payloadLength), payloadLength + (last ? 0 : 1));
  }

  /**
   * The complete frame carrying {@code payload} as one text message compressed with
   * permessage-deflate (RSV1 set): built once per publication and shared like {@link #textFrame}.
   */
  static CompressedFrame compressedTextFrame(byte[] payload, int level) {
    return new CompressedFrame(frame(FIN_RSV1_TEXT, Deflate.compress(payload, level), false));
  }

  /** A compressed frame; its own type so a {@code Frame} can cache it beside the plain one. */
  record CompressedFrame(ByteBuf buffer) {}

  /** Bytes of the header of an unmasked frame carrying {@code n} bytes of payload. */
  static int headerLength(long n) {
    return n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
  }

  /** Writes the header of an unmasked, final text frame carrying {@code n} bytes of payload. */
  static void writeTextHeader(ByteBuf out, int n) {
    out.writeByte(FIN_TEXT);
    if (n < 126) {
      out.writeByte(n);
    } else if (n <= 0xFFFF) {
      out.writeByte(126).writeShort(n);
    } else {
      out.writeByte(127).writeLong(n);
    }
  }

  private static ByteBuf frame(int first, byte[] payload, boolean comma) {
    int n = payload.length;
    int header = headerLength(n);
    ByteBuffer out = ByteBuffer.allocateDirect(header + n + (comma ? 1 : 0));
    out.put((byte) first);
    if (n < 126) {
      out.put((byte) n);
    } else if (n <= 0xFFFF) {
      out.put((byte) 126).putShort((short) n);
    } else {
      out.put((byte) 127).putLong(n);
    }
    out.put(payload);
    if (comma) {
      out.put((byte) ',');
    }
    ByteBuf framed = Unpooled.wrappedBuffer(out.flip()).writerIndex(header + n);
    return Unpooled.unreleasableBuffer(framed);
  }
}
