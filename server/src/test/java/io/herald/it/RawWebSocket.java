package io.herald.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand on a plain {@link Socket}, for what the JDK client will not
 * do: read only when the test says so (a slow consumer), send a handshake with any path and
 * headers and see the raw HTTP answer. Frames are masked as RFC 6455 requires of clients. Not
 * thread-safe.
 */
final class RawWebSocket implements AutoCloseable {

  /** One received frame. */
  record Frame(boolean fin, int opcode, byte[] payload, boolean rsv1) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close code of a close frame, or -1. */
    int closeCode() {
      return opcode == 8 && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
          : -1;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String body = "";

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects and sends the opening handshake for {@code path}; check {@link #status()} (101 when
   * the server accepted).
   *
   * @param receiveBuffer SO_RCVBUF for the socket, or 0 for the system default
   * @param extraHeaders e.g. {@code Origin}
   */
  static RawWebSocket open(int port, String path, Map<String, String> extraHeaders,
      int receiveBuffer) throws IOException {
    return open("127.0.0.1", port, path, extraHeaders, receiveBuffer);
  }

  /** As {@link #open(int, String, Map, int)}, from local address {@code source} (127.0.0.x). */
  static RawWebSocket open(String source, int port, String path, Map<String, String> extraHeaders,
      int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(source, 0));
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.setSoTimeout((int) WsClient.TIMEOUT.toMillis());
    socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WsClient.TIMEOUT.toMillis());
    RawWebSocket ws = new RawWebSocket(socket);
    ws.handshake(port, path, extraHeaders);
    return ws;
  }

  private void handshake(int port, String path, Map<String, String> extraHeaders)
      throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder request = new StringBuilder()
        .append("GET ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Upgrade: websocket\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce))
        .append("\r\n")
        .append("Sec-WebSocket-Version: 13\r\n");
    extraHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("\r\n");
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    status = Integer.parseInt(parts[1]);
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    if (status != 101) {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** HTTP status of the handshake answer. */
  int status() {
    return status;
  }

  /** Response headers of the handshake answer, names in lower case. */
  Map<String, String> headers() {
    return headers;
  }

  /** Body of a refused handshake. */
  String body() {
    return body;
  }

  /** Sends a masked text frame. */
  void sendText(String text) throws IOException {
    sendFrame(true, 1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one masked frame. */
  void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
    writeRaw(maskedFrame(fin, opcode, payload));
  }

  /** Writes bytes as they are (several frames at once, say) and flushes. */
  void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One client frame, masked with a random key. */
  /** Sends {@code payload} as one text message compressed with permessage-deflate (RSV1). */
  void sendCompressedText(byte[] deflated) throws IOException {
    byte[] frame = maskedFrame(true, 1, deflated);
    frame[0] |= 0x40;
    writeRaw(frame);
  }

  static byte[] maskedFrame(boolean fin, int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    return frame.toByteArray();
  }

  /** Reads the next frame, failing after {@code timeout}. */
  Frame readFrame(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    int b0 = readByte();
    int b1 = readByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = (readByte() << 8) | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | readByte();
      }
    }
    if ((b1 & 0x80) != 0) {
      throw new IOException("server frames must not be masked");
    }
    byte[] payload = in.readNBytes((int) length);
    if (payload.length != length) {
      throw new EOFException("connection closed inside a frame");
    }
    return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload, (b0 & 0x40) != 0);
  }

  /** Reads the next text frame's payload. */
  String readText() throws IOException {
    Frame f = readFrame(WsClient.TIMEOUT);
    if (f.opcode() != 1) {
      throw new AssertionError("expected a text frame, got opcode " + f.opcode() + " " + f.text());
    }
    return f.text();
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  /**
   * Reads and discards everything until the server closes the TCP connection.
   *
   * @return true when the connection reached end of stream (or was reset) within {@code
   *     timeout}, false when it was still open
   */
  boolean drainUntilClosed(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buffer = new byte[64 * 1024];
    socket.setSoTimeout(200);
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(buffer) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting
      } catch (IOException e) {
        return true; // reset by peer counts as closed
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
