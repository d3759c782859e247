package io.herald.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;

/**
 * The {@code publication} notification written straight into one exactly sized array, for the
 * common publication: no publisher {@code info}, a channel and event name of printable ASCII
 * without quote or backslash, which JSON writes as they are, and {@code data} that is well-formed
 * UTF-8 (the Jackson path decodes it into a string, which would replace malformed bytes). The bytes are the same as {@link
 * JsonRpcEncoder}'s Jackson path writes (a test compares them); what it saves per publication is a
 * generator, its buffers, and decoding {@code data} into a string only to encode it again. In the
 * {@code channels} benchmark every publication is encoded for one delivery, so this is part of the
 * cost of each publish.
 *
 * <p>Stateless, thread-safe.
 */
final class PublicationBytes {

  private static final byte[] HEAD =
      ascii("{\"jsonrpc\":\"2.0\",\"method\":\"publication\",\"params\":{\"channel\":\"");
  private static final byte[] OFFSET = ascii("\",\"offset\":");
  private static final byte[] EVENT = ascii(",\"event\":\"");
  private static final byte[] DATA = ascii(",\"data\":");
  private static final byte[] TAIL = ascii("}}");

  private PublicationBytes() {}

  /**
   * The notification's bytes, or null when this path does not write it (a name that needs
   * escaping or is not ASCII); then the caller writes it with Jackson.
   *
   * @param offset the publication's offset; written only when above 0
   * @param event the event name, or null for none
   * @param data the payload, raw JSON written verbatim
   */
  static byte[] encode(String channel, long offset, String event, byte[] data) {
    if (!plain(channel) || (event != null && !plain(event)) || !wellFormedUtf8(data)) {
      return null;
    }
    String number = offset > 0 ? Long.toString(offset) : null;
    int size = HEAD.length + channel.length() + 1
        + (number == null ? 0 : OFFSET.length - 1 + number.length())
        + (event == null ? 0 : EVENT.length + event.length() + 1)
        + DATA.length + data.length + TAIL.length;
    byte[] out = new byte[size];
    int at = put(out, 0, HEAD);
    at = putAscii(out, at, channel);
    if (number != null) {
      at = put(out, at, OFFSET);
      at = putAscii(out, at, number);
    } else {
      out[at++] = '"';
    }
    if (event != null) {
      at = put(out, at, EVENT);
      at = putAscii(out, at, event);
      out[at++] = '"';
    }
    at = put(out, at, DATA);
    at = put(out, at, data);
    put(out, at, TAIL);
    return out;
  }

  /** Printable ASCII without {@code "} and {@code \}: JSON needs no escape for it. */
  static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code b} is well-formed UTF-8 as the JDK's decoder reads it: no overlong forms, no
   * encoded surrogates, nothing above U+10FFFF, no truncated sequence.
   */
  static boolean wellFormedUtf8(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + len > n) {
        return false;
      }
      int cp = c & (0xff >> (len + 1));
      for (int k = 1; k < len; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return false;
      }
      i += len;
    }
    return true;
  }

  static int put(byte[] out, int at, byte[] part) {
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  static int putAscii(byte[] out, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      out[at++] = (byte) s.charAt(i);
    }
    return at;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
