package io.herald.bench.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The published payload: a JSON object {@code {"ts":<System.nanoTime() at send>,"pad":"xx..."}}
 * padded to a fixed size, so that every server carries the same bytes. One machine, one clock:
 * the receiver subtracts {@code ts} from its own {@code System.nanoTime()}.
 *
 * <p>Receivers find the timestamp by scanning for {@code "ts":}, which no envelope of the four
 * protocols contains, so no JSON parser runs per delivery.
 */
public final class Payload {

  /** The smallest payload the format allows: {@code {"ts":<16 digits>,"pad":""}}. */
  public static final int MIN_SIZE = 32;

  /** Returned by {@link #timestamp} when the range holds no timestamp. */
  public static final long NONE = Long.MIN_VALUE;

  private static final byte[] MARKER = "\"ts\":".getBytes(StandardCharsets.US_ASCII);

  private Payload() {}

  /** The payload JSON for send time {@code ts}, {@code size} bytes long (at least its minimum). */
  public static byte[] json(long ts, int size) {
    String head = "{\"ts\":" + ts + ",\"pad\":\"";
    int pad = Math.max(0, size - head.length() - 2);
    StringBuilder sb = new StringBuilder(head.length() + pad + 2).append(head);
    sb.repeat('x', pad);
    return sb.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The timestamp in {@code buf} between absolute indexes {@code from} (inclusive) and {@code to}
   * (exclusive), or {@link #NONE}. Does not move the buffer's indexes.
   */
  public static long timestamp(ByteBuf buf, int from, int to) {
    int at = indexOf(buf, MARKER, from, to);
    if (at < 0) {
      return NONE;
    }
    int i = at + MARKER.length;
    boolean negative = i < to && buf.getByte(i) == '-';
    if (negative) {
      i++;
    }
    long value = 0;
    int digits = 0;
    for (; i < to; i++) {
      byte b = buf.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
      digits++;
    }
    if (digits == 0) {
      return NONE;
    }
    return negative ? -value : value;
  }

  /** The timestamp anywhere in the readable bytes of {@code buf}, or {@link #NONE}. */
  public static long timestamp(ByteBuf buf) {
    return timestamp(buf, buf.readerIndex(), buf.writerIndex());
  }

  /** First absolute index of {@code needle} in {@code buf[from, to)}, or -1. */
  public static int indexOf(ByteBuf buf, byte[] needle, int from, int to) {
    byte first = needle[0];
    int last = to - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (buf.getByte(i) != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (buf.getByte(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
