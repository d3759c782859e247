package io.herald.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.bench.client.Conn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each adapter's reading of server frames, without sockets. */
class ProtocolFramesTest {

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  @Test
  void heraldIsReadyAfterSubscribeAndMeasuresPublications() {
    RecordingListener l = new RecordingListener();
    Conn conn = new Conn(1, "bench:fanout", l);
    HeraldProtocol p = new HeraldProtocol("0123456789abcdef0123456789abcdef", "key", "herald");
    p.received(conn, text("{\"jsonrpc\":\"2.0\",\"result\":{\"client\":\"c1\",\"user\":\"u1\",\"ping\":25,\"pong\":true},\"id\":1}"));
    assertThat(l.events).isEmpty();
    p.received(conn, text("{\"jsonrpc\":\"2.0\",\"result\":{\"recoverable\":false},\"id\":2}"));
    assertThat(l.events).containsExactly("ready");
    p.received(conn, text("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}"));
    p.received(conn, text("{\"jsonrpc\":\"2.0\",\"method\":\"publication\",\"params\":{\"channel\":\"bench:fanout\",\"data\":{\"ts\":99,\"pad\":\"\"}}}"));
    assertThat(l.deliveries).containsExactly(99L);
    p.received(conn, text("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":103,\"message\":\"permission denied\"},\"id\":12}"));
    assertThat(l.events).containsExactly("ready", "error: publish refused: 103 permission denied");
  }

  @Test
  void heraldCountsEveryDeliveryOfACoalescedArray() {
    RecordingListener l = new RecordingListener();
    Conn conn = new Conn(1, "bench:fanout", l);
    HeraldProtocol p = new HeraldProtocol("0123456789abcdef0123456789abcdef", "key", "herald");
    p.received(conn, text("[{\"jsonrpc\":\"2.0\",\"result\":{\"client\":\"c1\",\"user\":\"u1\",\"ping\":25,\"pong\":true,\"batch\":true},\"id\":1},"
        + "{\"jsonrpc\":\"2.0\",\"result\":{\"recoverable\":false},\"id\":2}]"));
    assertThat(l.events).containsExactly("ready");
    String pub = "{\"jsonrpc\":\"2.0\",\"method\":\"publication\",\"params\":{\"channel\":\"bench:fanout\",\"data\":{\"ts\":%d,\"pad\":\"x\"}}}";
    p.received(conn, text("[" + pub.formatted(1) + "," + pub.formatted(2) + "," + pub.formatted(3) + "]"));
    assertThat(l.deliveries).containsExactly(1L, 2L, 3L);
    // beside a ping: parsed, every publication still counted
    p.received(conn, text("[" + pub.formatted(4) + ",{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}," + pub.formatted(5) + "]"));
    assertThat(l.deliveries).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void heraldFailsWhenConnectIsRefused() {
    RecordingListener l = new RecordingListener();
    Conn conn = new Conn(1, "bench:x", l);
    new HeraldProtocol("0123456789abcdef0123456789abcdef", "key", "herald")
        .received(conn, text("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":101,\"message\":\"unauthorized\"},\"id\":1}"));
    assertThat(l.events).containsExactly("failed: connect refused: 101 unauthorized");
  }

  @Test
  void heraldHttpPublishWrapsThePayload() {
    Protocol.HttpPublish req =
        new HeraldProtocol("0123456789abcdef0123456789abcdef", "k3y", "herald").httpPublish("bench:a", "{\"ts\":1}".getBytes(StandardCharsets.US_ASCII));
    assertThat(req.path()).isEqualTo("/api/publish");
    assertThat(req.headers()).containsEntry("X-API-Key", "k3y");
    assertThat(new String(req.body(), StandardCharsets.US_ASCII))
        .isEqualTo("{\"channel\":\"bench:a\",\"data\":{\"ts\":1}}");
  }

  @Test
  void natsReassemblesMessagesSplitAcrossFrames() {
    RecordingListener l = new RecordingListener();
    Conn conn = new Conn(1, "bench.x", l);
    NatsProtocol p = new NatsProtocol();
    p.received(conn, text("INFO {\"server_id\":\"x\"}\r\n"));
    p.received(conn, text("PONG\r\nMSG bench.x 1 17\r\n{\"ts\":5,\"pad\":\"\"}\r\nMSG bench.x 1 1"));
    assertThat(l.events).containsExactly("ready");
    assertThat(l.deliveries).containsExactly(5L);
    p.received(conn, text("7\r\n{\"ts\":6,\"pad\""));
    p.received(conn, text(":\"\"}\r\nPING\r\nMSG bench.x 1 reply.to 17\r\n{\"ts\":7,\"pad\":\"\"}\r\n"));
    assertThat(l.deliveries).containsExactly(5L, 6L, 7L);
    p.received(conn, text("-ERR 'Slow Consumer'\r\n"));
    assertThat(l.events).containsExactly("ready", "error: nats: -ERR 'Slow Consumer'");
  }

  @Test
  void socketIoJoinsTheRoomBeforeReady() {
    RecordingListener l = new RecordingListener();
    Conn conn = new Conn(1, "fanout", l);
    SocketIoProtocol p = new SocketIoProtocol();
    p.received(conn, text("0{\"sid\":\"a\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000}"));
    p.received(conn, text("40{\"sid\":\"b\"}"));
    assertThat(l.events).isEmpty();
    p.received(conn, text("430[]"));
    assertThat(l.events).containsExactly("ready");
    p.received(conn, text("42[\"m\",{\"ts\":3,\"pad\":\"\"}]"));
    assertThat(l.deliveries).containsExactly(3L);
  }

  @Test
  void bareIsReadyOnOk() {
    RecordingListener l = new RecordingListener();
    Conn conn = new Conn(1, "fanout", l);
    BareProtocol p = new BareProtocol();
    p.received(conn, text("ok"));
    p.received(conn, text("{\"ts\":8,\"pad\":\"\"}"));
    assertThat(l.events).containsExactly("ready");
    assertThat(l.deliveries).containsExactly(8L);
  }
}
