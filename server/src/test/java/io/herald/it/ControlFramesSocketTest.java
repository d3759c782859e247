package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.HeraldServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Control frames and protocol violations over a real socket, handled by Herald's session handler
 * once Netty's protocol handler left the pipeline: a ping is answered with a pong of the same
 * payload, a pong gets no answer, a close frame is echoed, and a broken frame gets close code 1002.
 */
class ControlFramesSocketTest extends SocketTestBase {

  private static final int PING = 0x9;
  private static final int PONG = 0xA;
  private static final int CLOSE = 0x8;

  private HeraldServer server;

  @BeforeEach
  void startServer() {
    server = start(TestConfig.create());
  }

  /** A raw client past the handshake and Herald's connect command. */
  private RawWebSocket connected() throws IOException {
    RawWebSocket ws = track(RawWebSocket.open(server.port(), WS_PATH, Map.of(), 0));
    ws.sendText(WsClient.request(1, "connect", json("token", token("u1"))));
    assertThat(ws.readText()).contains("\"result\"");
    return ws;
  }

  @Test
  void pingIsAnsweredWithAPongOfTheSamePayload() throws IOException {
    RawWebSocket ws = connected();
    byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);

    ws.sendFrame(true, PING, payload);

    RawWebSocket.Frame pong = ws.readFrame(WsClient.TIMEOUT);
    assertThat(pong.opcode()).isEqualTo(PONG);
    assertThat(pong.payload()).isEqualTo(payload);
  }

  @Test
  void pongIsDroppedAndTheConnectionStaysUsable() throws IOException {
    RawWebSocket ws = connected();

    ws.sendFrame(true, PONG, new byte[] {1, 2, 3});
    ws.sendFrame(true, PING, new byte[] {4});

    RawWebSocket.Frame next = ws.readFrame(WsClient.TIMEOUT);
    assertThat(next.opcode()).as("the pong got no answer; the ping did").isEqualTo(PONG);
    assertThat(next.payload()).containsExactly(4);
  }

  @Test
  void closeFrameIsEchoedThenTheConnectionCloses() throws IOException {
    RawWebSocket ws = connected();

    ws.sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000

    closesWith(ws, 1000);
  }

  @Test
  void protocolViolationGetsCloseCode1002() throws IOException {
    RawWebSocket ws = connected();

    // An unknown opcode.
    ws.sendFrame(true, 0x3, new byte[] {1});

    closesWith(ws, 1002);
  }

  @Test
  void fragmentedPingIsAProtocolViolation() throws IOException {
    RawWebSocket ws = connected();

    ws.sendFrame(false, PING, new byte[] {1});

    closesWith(ws, 1002);
  }

  /** The next frame is a close frame with {@code code}, and the server then closes the socket. */
  private static void closesWith(RawWebSocket ws, int code) throws IOException {
    RawWebSocket.Frame close = ws.readFrame(WsClient.TIMEOUT);
    assertThat(close.opcode()).isEqualTo(CLOSE);
    assertThat(close.closeCode()).isEqualTo(code);
    assertThat(ws.drainUntilClosed(Duration.ofSeconds(5))).isTrue();
  }
}
