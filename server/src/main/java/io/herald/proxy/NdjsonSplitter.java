package io.herald.proxy;

import io.herald.node.protocol.RpcError;
import io.herald.node.proxy.ProxyErrors;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code application/x-ndjson}: one JSON value per line. Blank lines are skipped; a line that is
 * not one JSON value, or longer than {@code proxy.maxResponseSize}, ends the stream with 116.
 */
final class NdjsonSplitter implements ChunkSplitter {

  private final LineBuffer line;
  private final int max;

  NdjsonSplitter(int max) {
    this.max = max;
    this.line = new LineBuffer(max);
  }

  @Override
  public RpcError feed(ByteBuffer bytes, List<byte[]> out) {
    while (line.fill(bytes)) {
      RpcError error = take(out);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  @Override
  public RpcError finish(List<byte[]> out) {
    return take(out);
  }

  private RpcError take(List<byte[]> out) {
    try {
      if (line.tooLong()) {
        return ProxyErrors.INVALID_ANSWER.withMessage(
            "invalid backend answer: a chunk is larger than " + max + " bytes");
      }
      if (isBlank(line.array(), line.length())) {
        return null;
      }
      if (!Replies.isJsonValue(line.array(), 0, line.length())) {
        return ProxyErrors.INVALID_ANSWER.withMessage(
            "invalid backend answer: a line of the stream is not JSON");
      }
      out.add(line.line());
      return null;
    } finally {
      line.clear();
    }
  }

  static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
