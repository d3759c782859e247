package io.herald.bench.protocol;

import io.herald.bench.client.Conn;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Socket.IO 4 (Engine.IO v4) over WebSocket only, against the bench's minimal server
 * ({@code bench/peers/socketio/server.js}): Engine.IO open {@code 0{...}}, namespace connect
 * {@code 40}, {@code 420["sub",room]} acknowledged by {@code 430[]} (the room is joined),
 * deliveries {@code 42["m",<payload>]}, Engine.IO ping {@code 2} answered {@code 3}. Clients
 * publish with {@code 42["pub",room,<payload>]}; backends with {@code POST /publish/<room>}.
 */
public final class SocketIoProtocol implements Protocol {

  @Override
  public String server() {
    return "socketio";
  }

  @Override
  public String wsPath() {
    return "/socket.io/?EIO=4&transport=websocket";
  }

  @Override
  public String channel(String base) {
    return base;
  }

  @Override
  public void opened(Conn conn) {
    // The server speaks first (Engine.IO open packet).
  }

  @Override
  public void received(Conn conn, ByteBuf message) {
    long ts = Payload.timestamp(message);
    if (ts != Payload.NONE) {
      conn.delivery(ts);
      return;
    }
    String p = message.toString(StandardCharsets.UTF_8);
    if (p.equals("2")) {
      conn.send("3");
    } else if (p.startsWith("0")) {
      conn.send("40");
    } else if (p.startsWith("40")) {
      if (conn.channel() == null) {
        conn.ready();
      } else {
        conn.send("420[\"sub\",\"" + conn.channel() + "\"]");
      }
    } else if (p.startsWith("430")) {
      conn.ready();
    } else if (p.startsWith("44") || p.startsWith("41") || p.equals("1")) {
      conn.fail("socket.io: " + p);
    }
  }

  @Override
  public HttpPublish httpPublish(String channel, byte[] payload) {
    return new HttpPublish("/publish/" + channel, Map.of("Content-Type", "application/json"), payload);
  }

  @Override
  public String wsPublish(Conn conn, String channel, byte[] payload) {
    return "42[\"pub\",\"" + channel + "\"," + new String(payload, StandardCharsets.US_ASCII) + "]";
  }
}
