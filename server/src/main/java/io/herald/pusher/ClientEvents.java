package io.herald.pusher;

import io.herald.config.PusherApp;
import java.util.function.LongSupplier;

/**
 * The rules of client events ({@code client-*}) of one connection: the app must allow them, the
 * channel must be a private or presence channel (not encrypted) the connection is subscribed to,
 * the data at most {@code maxEventDataSize} bytes, and at most {@code clientEventRate} per second.
 * Used on the connection's loop.
 */
final class ClientEvents {

  private final LongSupplier nanos;
  private long windowStart;
  private int inWindow;

  ClientEvents(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * Checks one client event (and counts it against the rate when it passes the other rules).
   *
   * @param app the app's options now
   * @param channel the event's channel when the connection subscribed to it, else null
   * @return null when it may be sent, else why not (error 4301)
   */
  String check(PusherApp app, ClientMessage m, PusherChannel channel, boolean subscribed) {
    if (!app.clientEvents()) {
      return "Client events are not enabled for this app";
    }
    if (m.event().length() > Triggers.MAX_EVENT_NAME) {
      return "Event name too long: at most " + Triggers.MAX_EVENT_NAME + " characters";
    }
    if (channel == null || !subscribed) {
      return "Client event refused: not subscribed to channel " + m.channel();
    }
    if (!channel.isPrivate() || channel.user() != null) {
      return "Client events are only allowed on private and presence channels";
    }
    if (channel.encrypted()) {
      return "Client events are not allowed on encrypted channels";
    }
    if (m.dataSize() > app.maxEventDataSize()) {
      return "Client event data is larger than " + app.maxEventDataSize() + " bytes";
    }
    long now = nanos.getAsLong();
    if (now - windowStart >= 1_000_000_000L) {
      windowStart = now;
      inWindow = 0;
    }
    if (++inWindow > app.clientEventRate()) {
      return "Client event rejected due to rate limit (" + app.clientEventRate()
          + " per second)";
    }
    return null;
  }
}
