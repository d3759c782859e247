package io.herald.engine.redis;

import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes the Redis engine stores and sends. Compact and binary, so data is never escaped or
 * re-encoded:
 *
 * <ul>
 *   <li>a <b>body</b> (a stream entry's {@code d} field, and the tail of a publication message):
 *       one flag byte (bit 1: an event name follows, a 4-byte length and UTF-8; bit 0: a
 *       client published, its info follows; 0: the server published without an event name), then
 *       the raw data to the end. Client info is user, client, connection info and channel info, each
 *       a 4-byte big-endian length (-1 for null) and UTF-8 / raw JSON bytes;
 *   <li>a <b>pub/sub message</b> on a channel: {@code p<offset>:<epoch>:<body>} for a publication
 *       ({@code p0::<body>} without history; the Lua script writes the head, so every node reads
 *       the offset Redis assigned), {@code j<info>} and {@code l<info>} for join and leave.
 * </ul>
 *
 * Stateless, thread-safe.
 */
final class RedisPayloads {

  static final byte PUBLICATION = 'p';
  static final byte JOIN = 'j';
  static final byte LEAVE = 'l';
  private static final int FLAG_INFO = 1;
  private static final int FLAG_EVENT = 2;

  private RedisPayloads() {}

  /** The body of {@code publication}: its info and data. */
  static byte[] body(Publication publication) {
    ClientInfo info = publication.info();
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        publication.data().length + 1 + (info == null ? 0 : 64));
    String event = publication.event();
    out.write((info == null ? 0 : FLAG_INFO) | (event == null ? 0 : FLAG_EVENT));
    if (event != null) {
      writeField(out, event.getBytes(StandardCharsets.UTF_8));
    }
    if (info != null) {
      writeInfo(out, info);
    }
    out.writeBytes(publication.data());
    return out.toByteArray();
  }

  /** The publication in {@code body}, with {@code offset} and {@code epoch}. */
  static Publication publication(byte[] body, int from, long offset, String epoch) {
    ByteBuffer in = ByteBuffer.wrap(body, from, body.length - from);
    byte flags = in.get();
    if ((flags & ~(FLAG_INFO | FLAG_EVENT)) != 0) {
      throw new IllegalArgumentException("unknown flags in a publication body");
    }
    byte[] event = (flags & FLAG_EVENT) != 0 ? readField(in) : null;
    ClientInfo info = (flags & FLAG_INFO) != 0 ? readInfo(in) : null;
    byte[] data = Arrays.copyOfRange(body, in.position(), body.length);
    return new Publication(offset, data, info, epoch,
        event == null ? null : new String(event, StandardCharsets.UTF_8));
  }

  /** A publication message without history: {@code p0::<body>}. */
  static byte[] unstoredMessage(Publication publication) {
    byte[] body = body(publication);
    byte[] out = new byte[body.length + 4];
    out[0] = PUBLICATION;
    out[1] = '0';
    out[2] = ':';
    out[3] = ':';
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  /** A join or leave message: {@code kind} then the encoded info. */
  static byte[] presenceMessage(byte kind, ClientInfo info) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(kind);
    writeInfo(out, info);
    return out.toByteArray();
  }

  /** The encoded {@code info} alone, as presence entries keep it. */
  static byte[] info(ClientInfo info) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    writeInfo(out, info);
    return out.toByteArray();
  }

  /** The info in {@code bytes} from {@code from} on. */
  static ClientInfo info(byte[] bytes, int from) {
    return readInfo(ByteBuffer.wrap(bytes, from, bytes.length - from));
  }

  /**
   * The publication in a {@code p<offset>:<epoch>:<body>} message.
   *
   * @throws IllegalArgumentException when the message is not one
   */
  static Publication parsePublication(byte[] message) {
    int colon1 = indexOf(message, 1);
    int colon2 = colon1 < 0 ? -1 : indexOf(message, colon1 + 1);
    if (message.length == 0 || message[0] != PUBLICATION || colon2 < 0) {
      throw new IllegalArgumentException("not a publication message");
    }
    long offset;
    try {
      offset = Long.parseLong(new String(message, 1, colon1 - 1, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad offset in a publication message", e);
    }
    String epoch = new String(message, colon1 + 1, colon2 - colon1 - 1, StandardCharsets.UTF_8);
    return publication(message, colon2 + 1, offset, epoch);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  private static void writeInfo(ByteArrayOutputStream out, ClientInfo info) {
    writeField(out, info.user().getBytes(StandardCharsets.UTF_8));
    writeField(out, info.client().getBytes(StandardCharsets.UTF_8));
    writeField(out, info.connInfo());
    writeField(out, info.chanInfo());
  }

  private static void writeField(ByteArrayOutputStream out, byte[] field) {
    int n = field == null ? -1 : field.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    if (field != null) {
      out.writeBytes(field);
    }
  }

  private static ClientInfo readInfo(ByteBuffer in) {
    byte[] user = readField(in);
    byte[] client = readField(in);
    if (user == null || client == null) {
      throw new IllegalArgumentException("client info without user or client");
    }
    return new ClientInfo(new String(user, StandardCharsets.UTF_8),
        new String(client, StandardCharsets.UTF_8), readField(in), readField(in));
  }

  private static byte[] readField(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      return null;
    }
    if (n > in.remaining()) {
      throw new IllegalArgumentException("a field runs past the end of the payload");
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }
}
