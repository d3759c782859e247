package io.herald.pusher;

import io.herald.node.protocol.Disconnect;

/**
 * Pusher's close codes: 4000-4099 do not reconnect, 4100-4199 reconnect after a back-off,
 * 4200-4299 reconnect at once. Herald's own disconnects map onto them.
 */
final class CloseCodes {

  static final Disconnect UNKNOWN_APP = new Disconnect(4001, "App does not exist");
  static final Disconnect APP_DISABLED = new Disconnect(4003, "App is disabled");
  static final Disconnect OVER_QUOTA = new Disconnect(4004, "App is over its connection quota");
  static final Disconnect UNSUPPORTED_PROTOCOL =
      new Disconnect(4007, "Unsupported protocol version: Herald speaks protocol 7");
  static final Disconnect NO_PROTOCOL = new Disconnect(4008, "No protocol version supplied");
  static final Disconnect OVER_CAPACITY = new Disconnect(4100, "Over capacity");
  static final Disconnect RECONNECT = new Disconnect(4200, "Generic reconnect");

  private CloseCodes() {}

  /** What a Pusher client gets for Herald's {@code disconnect}. */
  static Disconnect pusher(Disconnect disconnect) {
    int code = disconnect.code();
    if (code >= 4000 && code <= 4999) {
      return disconnect;
    }
    if (code == Disconnect.SLOW.code()) {
      return OVER_CAPACITY;
    }
    if (code == Disconnect.CONNECTION_LIMIT.code()) {
      return OVER_QUOTA;
    }
    if (code >= 3500 && code < 4000) {
      return new Disconnect(4009, "Connection is unauthorized: " + disconnect.reason());
    }
    return new Disconnect(RECONNECT.code(), disconnect.reason());
  }
}
