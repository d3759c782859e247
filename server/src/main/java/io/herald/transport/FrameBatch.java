package io.herald.transport;

import io.herald.node.protocol.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON messages for one WebSocket connection written during one loop pass, waiting to leave as
 * one text message holding a JSON array of them, in order ({@code [m1,m2,...]}), when the pass
 * flushes. The messages are not encoded again. An array of at most {@link #COPY_LIMIT} bytes is
 * copied into one buffer (a few hundred bytes of copying cost less than a buffer, a slice and a
 * write vector per message); a larger one is a composite buffer over each message's bytes as they
 * are (a publication's shared pre-framed buffer, {@link WebSocketWire}, sliced past its header
 * with the comma stored after it: the same memory every subscriber shares), with a header, {@code
 * [} and {@code ]} of its own: {@code n + 2} buffers for {@code n} messages. Made by a pass's
 * first write and dropped when it is written, so an idle connection holds none. Used on the
 * connection's loop only.
 */
final class FrameBatch implements Coalescing {

  private static final ByteBuf CLOSE = constant(']');

  /** The largest array, in bytes, written as one copied buffer rather than over shared ones. */
  static final int COPY_LIMIT = 16 * 1024;

  private final Bounds bounds;
  private final List<Frame> frames = new ArrayList<>();
  private long memberBytes;

  FrameBatch(Bounds bounds) {
    this.bounds = bounds;
  }

  private static ByteBuf constant(char c) {
    return Unpooled.unreleasableBuffer(Unpooled.directBuffer(1, 1).writeByte(c));
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  /** Whether {@code frame} never joins an array: it is one already, or too big to share one. */
  static boolean alone(Frame frame, Bounds bounds) {
    return frame.size() + 2 > bounds.maxBytes()
        || (frame.size() > 0 && frame.bytes()[0] == '[');
  }

  /** Whether {@code frame} fits in this array besides what it holds. */
  boolean fits(Frame frame) {
    return frames.size() < bounds.maxMessages()
        && arrayBytes(frames.size() + 1, memberBytes + frame.size()) <= bounds.maxBytes();
  }

  /** Adds {@code frame} at the end; call only when it {@link #fits} and is not {@link #alone}. */
  void add(Frame frame) {
    frames.add(frame);
    memberBytes += frame.size();
  }

  /** How many messages wait. */
  int size() {
    return frames.size();
  }

  /** The only message waiting; call only when {@link #size} is 1. */
  Frame only() {
    return frames.get(0);
  }

  /** The bytes this batch will take in the outbound queue: its whole WebSocket frame. */
  long wireBytes() {
    if (frames.size() == 1) {
      return WebSocketWire.headerLength(frames.get(0).size()) + frames.get(0).size();
    }
    long array = arrayBytes(frames.size(), memberBytes);
    return WebSocketWire.headerLength(array) + array;
  }

  private static long arrayBytes(int count, long members) {
    return members + count + 1; // "[", count - 1 commas, "]"
  }

  /**
   * The whole WebSocket text frame carrying the array of at least two messages; the caller
   * writes it (and so releases it).
   */
  ByteBuf arrayFrame(ByteBufAllocator alloc) {
    int count = frames.size();
    int length = (int) arrayBytes(count, memberBytes);
    if (length <= COPY_LIMIT) {
      return copiedArrayFrame(alloc, count, length);
    }
    CompositeByteBuf out = alloc.compositeDirectBuffer(count + 2);
    ByteBuf head = alloc.directBuffer(WebSocketWire.headerLength(length) + 1);
    WebSocketWire.writeTextHeader(head, length);
    head.writeByte('[');
    out.addComponent(true, head);
    for (int i = 0; i < count; i++) {
      out.addComponent(true, member(alloc, frames.get(i), i == count - 1));
    }
    out.addComponent(true, CLOSE);
    return out;
  }

  private ByteBuf copiedArrayFrame(ByteBufAllocator alloc, int count, int length) {
    ByteBuf out = alloc.directBuffer(WebSocketWire.headerLength(length) + length);
    WebSocketWire.writeTextHeader(out, length);
    out.writeByte('[');
    for (int i = 0; i < count; i++) {
      out.writeBytes(frames.get(i).bytes()).writeByte(i == count - 1 ? ']' : ',');
    }
    return out;
  }

  /**
   * One message's bytes and the comma after it (unless {@code last}): a slice of its shared frame,
   * or a direct copy of a private one.
   */
  private static ByteBuf member(ByteBufAllocator alloc, Frame frame, boolean last) {
    if (frame.isShared()) {
      ByteBuf framed = frame.wire(ByteBuf.class, WebSocketWire::textFrame);
      return WebSocketWire.arrayMember(framed, frame.size(), last);
    }
    ByteBuf copy = alloc.directBuffer(frame.size() + 1).writeBytes(frame.bytes());
    return last ? copy : copy.writeByte(',');
  }
}
