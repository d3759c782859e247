package io.herald.proxy;

import io.herald.node.protocol.RpcError;
import io.herald.node.proxy.ProxyErrors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code text/event-stream}: each event's {@code data:} lines (joined with {@code \n}) hold one
 * JSON value, the chunk. Comments ({@code :...}), {@code id:} and {@code retry:} are ignored. An
 * event named {@code error} ends the stream with the error in its data, {@code {"code",
 * "message"}}; an event named {@code end} ends it normally (like the end of the body).
 */
final class SseSplitter implements ChunkSplitter {

  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

  private final int max;
  private final LineBuffer line;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private boolean hasData;
  private String event = "";
  private boolean ended;

  SseSplitter(int max) {
    this.max = max;
    this.line = new LineBuffer(max);
  }

  /** True once an {@code end} event arrived: the rest of the body is ignored. */
  boolean ended() {
    return ended;
  }

  @Override
  public RpcError feed(ByteBuffer bytes, List<byte[]> out) {
    while (!ended && line.fill(bytes)) {
      RpcError error = takeLine(out);
      line.clear();
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  @Override
  public RpcError finish(List<byte[]> out) {
    if (line.length() > 0) {
      RpcError error = takeLine(out);
      line.clear();
      if (error != null) {
        return error;
      }
    }
    return dispatch(out);
  }

  private RpcError takeLine(List<byte[]> out) {
    if (line.tooLong()) {
      return tooLarge();
    }
    byte[] bytes = line.array();
    int length = line.length();
    if (length == 0) {
      return dispatch(out);
    }
    if (bytes[0] == ':') {
      return null;
    }
    int colon = indexOf(bytes, length, (byte) ':');
    int nameEnd = colon < 0 ? length : colon;
    int valueStart = colon < 0 ? length : colon + 1;
    if (valueStart < length && bytes[valueStart] == ' ') {
      valueStart++;
    }
    if (is(bytes, nameEnd, DATA)) {
      if (hasData) {
        data.write('\n');
      }
      data.write(bytes, valueStart, length - valueStart);
      hasData = true;
      if (data.size() > max) {
        return tooLarge();
      }
    } else if (is(bytes, nameEnd, EVENT)) {
      event = new String(bytes, valueStart, length - valueStart, StandardCharsets.UTF_8);
    }
    return null;
  }

  private RpcError dispatch(List<byte[]> out) {
    try {
      if (event.equals("end")) {
        ended = true;
        return null;
      }
      if (!hasData) {
        return null;
      }
      byte[] value = data.toByteArray();
      if (!Replies.isJsonValue(value, 0, value.length)) {
        return ProxyErrors.INVALID_ANSWER.withMessage(
            "invalid backend answer: an event's data is not JSON");
      }
      if (event.equals("error")) {
        return Replies.streamError(value);
      }
      out.add(value);
      return null;
    } finally {
      data.reset();
      hasData = false;
      event = "";
    }
  }

  private RpcError tooLarge() {
    return ProxyErrors.INVALID_ANSWER.withMessage(
        "invalid backend answer: an event is larger than " + max + " bytes");
  }

  private static int indexOf(byte[] bytes, int length, byte b) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean is(byte[] bytes, int length, byte[] name) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[i] != name[i]) {
        return false;
      }
    }
    return true;
  }
}
