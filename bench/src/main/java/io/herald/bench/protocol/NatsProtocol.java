package io.herald.bench.protocol;

import io.herald.bench.client.Conn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * NATS's client protocol over its WebSocket listener: {@code CONNECT}, {@code SUB}, {@code PING}
 * (the {@code PONG} that follows means the subscription is in place), {@code MSG} deliveries,
 * {@code PING}/{@code PONG} keep-alive. NATS sends a byte stream: a WebSocket message may hold
 * several protocol messages or part of one, so each connection keeps the unparsed rest.
 *
 * <p>NATS has no HTTP publish path; the bench publishes with {@code PUB} from a client
 * connection. Subjects are {@code bench.<name>}. No authentication is configured.
 */
public final class NatsProtocol implements Protocol {

  private static final String CONNECT =
      "CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"echo\":false,"
          + "\"lang\":\"java\",\"version\":\"herald-bench\",\"name\":\"herald-bench\"}\r\n";

  @Override
  public String server() {
    return "nats";
  }

  @Override
  public String wsPath() {
    return "/";
  }

  @Override
  public String channel(String base) {
    return "bench." + base;
  }

  @Override
  public void opened(Conn conn) {
    String sub = conn.channel() == null ? "" : "SUB " + conn.channel() + " 1\r\n";
    conn.send(CONNECT + sub + "PING\r\n");
  }

  @Override
  public void received(Conn conn, ByteBuf message) {
    ByteBuf pending = conn.state();
    if (pending != null && pending.isReadable()) {
      pending.writeBytes(message);
      parse(conn, pending);
      pending.discardReadBytes();
      return;
    }
    parse(conn, message);
    if (message.isReadable()) {
      if (pending == null) {
        pending = Unpooled.buffer(Math.max(256, message.readableBytes()));
        conn.state(pending);
      }
      pending.clear().writeBytes(message);
    }
  }

  /** Handles every complete protocol message in {@code buf}, leaving a partial one unread. */
  static void parse(Conn conn, ByteBuf buf) {
    while (buf.isReadable()) {
      int start = buf.readerIndex();
      int end = buf.writerIndex();
      int eol = Payload.indexOf(buf, CRLF, start, end);
      if (eol < 0) {
        return;
      }
      byte first = buf.getByte(start);
      if (first == 'M' || first == 'H') { // MSG or HMSG: <line>\r\n<n bytes>\r\n
        int size = lastNumber(buf, start, eol);
        int payloadStart = eol + 2;
        if (payloadStart + size + 2 > end) {
          return;
        }
        long ts = Payload.timestamp(buf, payloadStart, payloadStart + size);
        if (ts != Payload.NONE) {
          conn.delivery(ts);
        }
        buf.readerIndex(payloadStart + size + 2);
        continue;
      }
      String line = buf.toString(start, eol - start, StandardCharsets.US_ASCII);
      buf.readerIndex(eol + 2);
      if (line.equals("PING")) {
        conn.send("PONG\r\n");
      } else if (line.equals("PONG")) {
        conn.ready();
      } else if (line.startsWith("-ERR")) {
        conn.error("nats: " + line);
      }
      // INFO and +OK need nothing
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private static int lastNumber(ByteBuf buf, int from, int to) {
    int i = to - 1;
    while (i > from && buf.getByte(i) == ' ') {
      i--;
    }
    int value = 0;
    int scale = 1;
    for (; i > from; i--) {
      byte b = buf.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value += (b - '0') * scale;
      scale *= 10;
    }
    return value;
  }

  @Override
  public HttpPublish httpPublish(String channel, byte[] payload) {
    return null;
  }

  @Override
  public String wsPublish(Conn conn, String channel, byte[] payload) {
    return "PUB " + channel + " " + payload.length + "\r\n"
        + new String(payload, StandardCharsets.US_ASCII) + "\r\n";
  }
}
