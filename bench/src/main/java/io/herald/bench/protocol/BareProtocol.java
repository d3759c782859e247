package io.herald.bench.protocol;

import io.herald.bench.client.Conn;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bare broadcaster's protocol ({@link io.herald.bench.peer.BareBroadcaster}): text messages
 * {@code sub <channel>} (answered {@code ok}) and {@code pub <channel> <payload>}; deliveries
 * are the payload alone. Backends publish with {@code POST /publish/<channel>} and the payload as
 * the body. No authentication, no envelope, no JSON parsing on the server.
 */
public final class BareProtocol implements Protocol {

  @Override
  public String server() {
    return "bare";
  }

  @Override
  public String wsPath() {
    return "/ws";
  }

  @Override
  public String channel(String base) {
    return base;
  }

  @Override
  public void opened(Conn conn) {
    if (conn.channel() == null) {
      conn.ready();
    } else {
      conn.send("sub " + conn.channel());
    }
  }

  @Override
  public void received(Conn conn, ByteBuf message) {
    long ts = Payload.timestamp(message);
    if (ts != Payload.NONE) {
      conn.delivery(ts);
      return;
    }
    String text = message.toString(StandardCharsets.UTF_8);
    if (text.equals("ok")) {
      conn.ready();
    } else {
      conn.error("unexpected message: " + text);
    }
  }

  @Override
  public HttpPublish httpPublish(String channel, byte[] payload) {
    return new HttpPublish("/publish/" + channel, Map.of(), payload);
  }

  @Override
  public String wsPublish(Conn conn, String channel, byte[] payload) {
    return "pub " + channel + " " + new String(payload, StandardCharsets.US_ASCII);
  }
}
