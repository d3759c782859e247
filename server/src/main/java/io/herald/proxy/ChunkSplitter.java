package io.herald.proxy;

import io.herald.node.protocol.RpcError;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Cuts a streamed body into chunks, as bytes arrive in pieces of any size. One instance per
 * stream; not thread-safe.
 */
interface ChunkSplitter {

  /**
   * Takes the next bytes of the body and adds every chunk they complete to {@code out}.
   *
   * @return null, or the error that ends the stream (a chunk too large or not JSON, an error
   *     event)
   */
  RpcError feed(ByteBuffer bytes, List<byte[]> out);

  /**
   * The body ended: adds a last chunk that was not terminated, if any.
   *
   * @return null, or the error that ends the stream
   */
  RpcError finish(List<byte[]> out);

  /** The splitter for a {@code Content-Type}, or null when it is not a streaming type. */
  static ChunkSplitter forContentType(String contentType, int maxChunk) {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    int semicolon = type.indexOf(';');
    String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    return switch (mime) {
      case "application/x-ndjson", "application/jsonl", "application/json-seq" ->
          new NdjsonSplitter(maxChunk);
      case "text/event-stream" -> new SseSplitter(maxChunk);
      default -> null;
    };
  }
}
