package io.herald.config;

/**
 * WebSocket options of the client port.
 *
 * @param compression negotiate permessage-deflate (RFC 7692) with clients that offer it, without
 *     context takeover in either direction: every message is compressed on its own, so a
 *     publication is compressed once and the same bytes go to every subscriber, and no connection
 *     keeps a compression window; default false
 * @param compressionMinSize messages smaller than this many bytes are sent uncompressed (not worth
 *     the CPU); default 256
 * @param compressionLevel zlib level, 1 (fastest) to 9 (smallest); default 1
 */
public record WebSocketConfig(
    boolean compression, int compressionMinSize, int compressionLevel) {

  /** Every documented default: compression off. */
  public static WebSocketConfig defaults() {
    return new WebSocketConfig(false, 256, 1);
  }
}
