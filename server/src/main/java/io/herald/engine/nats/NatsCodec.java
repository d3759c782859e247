package io.herald.engine.nats;

import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of what travels on a channel's subject: a publication (data, info, offset, epoch), a
 * join or a leave. Binary, so publication data is copied once and never parsed:
 *
 * <pre>
 *   version (1 byte, 1) | kind (1 byte: 1 publication, 2 join, 3 leave, 4 named publication) | body
 *   publication: offset (8 bytes) | epoch (string) | info | data (every remaining byte)
 *   named publication: offset (8 bytes) | epoch (string) | event (string) | info | data
 *   join, leave: info
 *   info: 0, or 1 | user (string) | client (string) | connInfo (bytes) | chanInfo (bytes)
 *   string: length (4 bytes) | UTF-8;  bytes: length (4 bytes, -1 for null) | bytes
 * </pre>
 *
 * Integers are big-endian. A message of another version is refused, so a future format can be
 * rolled out under a new prefix. Stateless, thread-safe.
 */
final class NatsCodec {

  static final byte VERSION = 1;
  private static final byte PUBLICATION = 1;
  private static final byte JOIN = 2;
  private static final byte LEAVE = 3;
  private static final byte NAMED_PUBLICATION = 4;

  private NatsCodec() {}

  static byte[] publication(Publication p) {
    byte[] epoch = p.epoch().getBytes(StandardCharsets.UTF_8);
    byte[] event = p.event() == null ? null : p.event().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(2 + 8 + 4 + epoch.length
        + (event == null ? 0 : 4 + event.length) + infoSize(p.info()) + p.data().length);
    b.put(VERSION).put(event == null ? PUBLICATION : NAMED_PUBLICATION)
        .putLong(p.offset()).putInt(epoch.length).put(epoch);
    if (event != null) {
      b.putInt(event.length).put(event);
    }
    putInfo(b, p.info());
    return b.put(p.data()).array();
  }

  static byte[] join(ClientInfo info) {
    return joinLeave(JOIN, info);
  }

  static byte[] leave(ClientInfo info) {
    return joinLeave(LEAVE, info);
  }

  private static byte[] joinLeave(byte kind, ClientInfo info) {
    ByteBuffer b = ByteBuffer.allocate(2 + infoSize(info)).put(VERSION).put(kind);
    putInfo(b, info);
    return b.array();
  }

  /**
   * Decodes {@code bytes} and hands what they carry to {@code handler}.
   *
   * @throws IllegalArgumentException when the bytes are not a message of this format
   */
  static void dispatch(String channel, byte[] bytes, BrokerEventHandler handler) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      byte version = b.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown message version " + version);
      }
      byte kind = b.get();
      switch (kind) {
        case PUBLICATION, NAMED_PUBLICATION -> {
          long offset = b.getLong();
          String epoch = string(b);
          String event = kind == NAMED_PUBLICATION ? string(b) : null;
          ClientInfo info = info(b);
          byte[] data = Arrays.copyOfRange(bytes, b.position(), bytes.length);
          handler.onPublication(channel, new Publication(offset, data, info, epoch, event));
        }
        case JOIN -> handler.onJoin(channel, required(info(b)));
        case LEAVE -> handler.onLeave(channel, required(info(b)));
        default -> throw new IllegalArgumentException("unknown message kind " + kind);
      }
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("truncated message", e);
    }
  }

  private static ClientInfo required(ClientInfo info) {
    if (info == null) {
      throw new IllegalArgumentException("a join or leave without client");
    }
    return info;
  }

  private static int infoSize(ClientInfo info) {
    if (info == null) {
      return 1;
    }
    return 1 + 4 + utf8Length(info.user()) + 4 + utf8Length(info.client())
        + 4 + length(info.connInfo()) + 4 + length(info.chanInfo());
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static void putInfo(ByteBuffer b, ClientInfo info) {
    if (info == null) {
      b.put((byte) 0);
      return;
    }
    b.put((byte) 1);
    putBytes(b, info.user().getBytes(StandardCharsets.UTF_8));
    putBytes(b, info.client().getBytes(StandardCharsets.UTF_8));
    putBytes(b, info.connInfo());
    putBytes(b, info.chanInfo());
  }

  private static void putBytes(ByteBuffer b, byte[] bytes) {
    if (bytes == null) {
      b.putInt(-1);
    } else {
      b.putInt(bytes.length).put(bytes);
    }
  }

  private static ClientInfo info(ByteBuffer b) {
    byte present = b.get();
    if (present == 0) {
      return null;
    }
    if (present != 1) {
      throw new IllegalArgumentException("bad client info marker " + present);
    }
    return new ClientInfo(string(b), string(b), bytes(b), bytes(b));
  }

  private static String string(ByteBuffer b) {
    byte[] bytes = bytes(b);
    if (bytes == null) {
      throw new IllegalArgumentException("a missing string");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer b) {
    int n = b.getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > b.remaining()) {
      throw new IllegalArgumentException("a length of " + n + " past the message's end");
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }
}
