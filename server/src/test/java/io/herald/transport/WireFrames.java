package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Reads a pre-framed server WebSocket text frame (as {@link WebSocketWire} writes it). */
final class WireFrames {

  private WireFrames() {}

  /** The text payload of one complete, unmasked, final text frame; fails on anything else. */
  static String text(ByteBuf frame) {
    ByteBuf b = frame.duplicate();
    assertThat(b.readUnsignedByte()).as("FIN + text opcode").isEqualTo((short) 0x81);
    int len = b.readUnsignedByte();
    assertThat(len & 0x80).as("server frames are not masked").isZero();
    long n = len < 126 ? len : len == 126 ? b.readUnsignedShort() : b.readLong();
    assertThat((long) b.readableBytes()).as("payload length").isEqualTo(n);
    return b.toString(StandardCharsets.UTF_8);
  }
}
