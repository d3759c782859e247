package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.WebSocketConfig;
import io.herald.server.HeraldServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** permessage-deflate over real sockets: negotiated, off, compressed both ways, bounded. */
class CompressionSocketTest extends SocketTestBase {

  private static final Map<String, String> OFFER =
      Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");

  private HeraldServer server(boolean compression) {
    return start(TestConfig.create().build()
        .with("websocket", new WebSocketConfig(compression, 256, 1)));
  }

  private RawWebSocket connected(HeraldServer server, Map<String, String> headers)
      throws Exception {
    RawWebSocket ws = track(RawWebSocket.open(server.port(), "/connection/websocket", headers, 0));
    assertThat(ws.status()).isEqualTo(101);
    ws.sendText(WsClient.request(1, "connect", WsClient.json("token", token("ann"))));
    ws.sendText(WsClient.request(2, "subscribe", WsClient.json("channel", "chat:z")));
    assertThat(text(ws.readFrame(WsClient.TIMEOUT))).contains("\"id\":1");
    assertThat(text(ws.readFrame(WsClient.TIMEOUT))).contains("\"id\":2");
    return ws;
  }

  /** The frame's text, inflated when it is compressed. */
  private static String text(RawWebSocket.Frame frame) throws Exception {
    if (!frame.rsv1()) {
      return frame.text();
    }
    Inflater inflater = new Inflater(true);
    byte[] input = Arrays.copyOf(frame.payload(), frame.payload().length + 4);
    input[input.length - 2] = (byte) 0xff;
    input[input.length - 1] = (byte) 0xff;
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[4096];
    while (!inflater.needsInput()) {
      out.write(chunk, 0, inflater.inflate(chunk));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] deflate(String text) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[text.length() + 64];
    int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
    return Arrays.copyOf(out, n - 4);
  }

  @Test
  void largePublicationsAreCompressedAndSmallOnesAreNot() throws Exception {
    HeraldServer server = server(true);
    RawWebSocket ws = connected(server, OFFER);
    assertThat(ws.headers().get("sec-websocket-extensions")).startsWith("permessage-deflate");
    String big = "\"" + "lorem ipsum ".repeat(100) + "\"";
    api(server).publish("chat:z", big);
    RawWebSocket.Frame compressed = ws.readFrame(WsClient.TIMEOUT);
    assertThat(compressed.rsv1()).isTrue();
    assertThat(compressed.payload().length).isLessThan(big.length() / 4);
    JsonNode publication = WsClient.JSON.readTree(text(compressed));
    assertThat(publication.at("/params/data").asText()).startsWith("lorem ipsum");
    api(server).publish("chat:z", "\"small\"");
    RawWebSocket.Frame plain = ws.readFrame(WsClient.TIMEOUT);
    assertThat(plain.rsv1()).isFalse();
    assertThat(plain.text()).contains("small");
  }

  @Test
  void aCompressedClientMessageIsUnderstood() throws Exception {
    HeraldServer server = server(true);
    RawWebSocket ws = connected(server, OFFER);
    ws.sendCompressedText(deflate(WsClient.request(3, "publish",
        "{\"channel\":\"chat:z\",\"data\":\"from a compressed frame\"}")));
    String first = text(ws.readFrame(WsClient.TIMEOUT));
    String second = text(ws.readFrame(WsClient.TIMEOUT));
    assertThat(first + second).contains("\"id\":3").contains("from a compressed frame");
  }

  @Test
  void aMessageThatInflatesPastTheSizeLimitClosesTheConnection() throws Exception {
    HeraldServer server = server(true);
    RawWebSocket ws = connected(server, OFFER);
    ws.sendCompressedText(deflate("[\"" + " ".repeat(200_000) + "\"]"));
    RawWebSocket.Frame closing = ws.readFrame(Duration.ofSeconds(5));
    assertThat(closing.opcode()).isEqualTo(8);
    assertThat(closing.closeCode()).isEqualTo(1009);
  }

  @Test
  void withoutAnOfferOrWithCompressionOffFramesArePlain() throws Exception {
    for (RawWebSocket ws : new RawWebSocket[] {
        connected(server(true), Map.of()), connected(server(false), OFFER)}) {
      assertThat(ws.headers()).doesNotContainKey("sec-websocket-extensions");
    }
    HeraldServer off = server(false);
    RawWebSocket ws = connected(off, OFFER);
    api(off).publish("chat:z", "\"" + "x".repeat(1000) + "\"");
    assertThat(ws.readFrame(WsClient.TIMEOUT).rsv1()).isFalse();
  }
}
