package io.herald.transport;

import io.herald.node.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one fallback session, numbered from 1, kept until the client confirms them
 * (long-poll {@code cursor}) or, once sent, until newer ones need the room (so a dropped SSE
 * stream can resume from its {@code Last-Event-ID}). Bounded: at most {@code maxBytes} of
 * messages; sent ones are dropped oldest first to stay under it, and {@link #overBound} tells
 * when the unsent ones alone exceed it. Not thread-safe: used on its session's loop only.
 */
final class OutboundLog {

  /** One message and its number. */
  record Entry(long seq, Frame frame) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final long maxBytes;
  private long nextSeq = 1;
  private long sentUpTo;
  private long bytes;

  /** @param maxBytes the bound ({@code fallback.bufferSize}) */
  OutboundLog(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Appends {@code frame}, dropping the oldest sent messages while over the bound. */
  void append(Frame frame) {
    entries.add(new Entry(nextSeq++, frame));
    bytes += frame.size();
    while (bytes > maxBytes && !entries.isEmpty() && entries.peekFirst().seq() <= sentUpTo) {
      bytes -= entries.pollFirst().frame().size();
    }
  }

  /** True when the messages not sent yet alone exceed the bound: the client is too slow. */
  boolean overBound() {
    return bytes > maxBytes;
  }

  /** Drops every message up to and including {@code cursor}: the client has them. */
  void ack(long cursor) {
    while (!entries.isEmpty() && entries.peekFirst().seq() <= cursor) {
      bytes -= entries.pollFirst().frame().size();
    }
  }

  /**
   * True when every message after {@code cursor} is still here: {@code cursor} is neither ahead
   * of the last message nor behind a message dropped to stay under the bound.
   */
  boolean covers(long cursor) {
    long first = entries.isEmpty() ? nextSeq : entries.peekFirst().seq();
    return cursor >= first - 1 && cursor < nextSeq;
  }

  /** The messages after {@code cursor}, oldest first; marks them sent. */
  List<Entry> after(long cursor) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.seq() > cursor) {
        out.add(e);
      }
    }
    if (!out.isEmpty()) {
      sentUpTo = Math.max(sentUpTo, out.get(out.size() - 1).seq());
    }
    return out;
  }

  /** The messages not sent yet, oldest first; marks them sent. */
  List<Entry> unsent() {
    return after(sentUpTo);
  }

  /** The number of the newest message, 0 before the first. */
  long last() {
    return nextSeq - 1;
  }
}
