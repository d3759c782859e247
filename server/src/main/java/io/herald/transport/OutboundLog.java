package io.herald.transport;

import io.herald.node.protocol.Frame;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The messages of one fallback session, numbered from 1, kept until the client confirms them
 * (long-poll {@code cursor}) or, once sent, for a short while (so a dropped SSE stream can resume
 * from its {@code Last-Event-ID}). Bounded: at most {@code maxBytes} of messages, and sent ones
 * no older than {@code keepSent}; sent ones are dropped oldest first past either, and {@link
 * #overBound} tells when the unsent ones alone exceed the bytes. The time bound keeps an idle SSE
 * session small: without it, pings and publications (shared frames, but one entry each) would
 * pile up to {@code maxBytes} per session. A resume or poll that needs a dropped message is
 * refused ({@link #covers}), never served with a gap. Not thread-safe: used on its session's loop
 * only.
 */
final class OutboundLog {

  /** One message and its number. */
  record Entry(long seq, Frame frame) {}

  /** When an entry was appended, in {@code nanoTime} units, parallel to {@code entries}. */
  private final ArrayDeque<Long> appendedAt = new ArrayDeque<>();

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final long maxBytes;
  private final long keepSentNanos;
  private final LongSupplier nanoTime;
  private long nextSeq = 1;
  private long sentUpTo;
  private long bytes;

  /**
   * @param maxBytes the bound in bytes ({@code fallback.bufferSize})
   * @param keepSent how long a sent message is kept ({@code fallback.sessionIdleTimeout})
   * @param nanoTime a monotonic clock
   */
  OutboundLog(long maxBytes, Duration keepSent, LongSupplier nanoTime) {
    this.maxBytes = maxBytes;
    this.keepSentNanos = keepSent.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Appends {@code frame}, dropping the oldest sent messages past the bounds. */
  void append(Frame frame) {
    long now = nanoTime.getAsLong();
    entries.add(new Entry(nextSeq++, frame));
    appendedAt.add(now);
    bytes += frame.size();
    while (!entries.isEmpty() && entries.peekFirst().seq() <= sentUpTo
        && (bytes > maxBytes || now - appendedAt.peekFirst() > keepSentNanos)) {
      dropFirst();
    }
  }

  private void dropFirst() {
    bytes -= entries.pollFirst().frame().size();
    appendedAt.pollFirst();
  }

  /** True when the messages not sent yet alone exceed the bound: the client is too slow. */
  boolean overBound() {
    return bytes > maxBytes;
  }

  /** Drops every message up to and including {@code cursor}: the client has them. */
  void ack(long cursor) {
    while (!entries.isEmpty() && entries.peekFirst().seq() <= cursor) {
      dropFirst();
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
