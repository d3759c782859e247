package io.herald.protocol.uni;

import io.herald.node.protocol.Disconnect;

/**
 * Why a uni connection is refused, as an HTTP status (SSE and stream: answered instead of the
 * stream) and a close code (WebSocket: after an {@code error} message), with a reason for humans.
 * The codes are docs/uni.md's table; 3520-3523 do not reconnect.
 */
record UniRefusal(int status, int closeCode, String reason) {

  static UniRefusal badRequest(String reason) {
    return new UniRefusal(400, 3523, reason);
  }

  static UniRefusal tooManyChannels(int limit) {
    return new UniRefusal(400, 3522, "too many channels: at most " + limit + " (client.channelLimit)");
  }

  static UniRefusal unknownChannel(String reason) {
    return new UniRefusal(404, 3520, reason);
  }

  static UniRefusal notAllowed(String reason) {
    return new UniRefusal(403, 3521, reason);
  }

  /** The refusal for error {@code code} of a channel (subscribe) or of the connect. */
  static UniRefusal forError(int code, String message) {
    return switch (code) {
      case 102 -> unknownChannel(message);
      case 103 -> notAllowed(message);
      case 106 -> new UniRefusal(400, 3522, message);
      case 101 -> new UniRefusal(401, 3500, message);
      case 109 -> new UniRefusal(401, 3005, message);
      case 108, 113, 114, 115, 116 -> new UniRefusal(503, 3004, message);
      default -> badRequest(message);
    };
  }

  /** The refusal for a session closed before it was connected (no error answer came first). */
  static UniRefusal forDisconnect(Disconnect d) {
    return switch (d.code()) {
      case 3500 -> new UniRefusal(401, 3500, d.reason());
      case 3005 -> new UniRefusal(401, 3005, d.reason());
      case 3504, 3001 -> new UniRefusal(503, d.code(), d.reason());
      default -> new UniRefusal(d.reconnect() ? 503 : 400, d.code(), d.reason());
    };
  }

  /** As a close of the connection. */
  Disconnect disconnect() {
    return new Disconnect(closeCode, reason.length() > 120 ? reason.substring(0, 120) : reason);
  }
}
