package io.herald.node;

import io.herald.node.protocol.Frame;
import io.herald.node.protocol.ProtocolEncoder;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * One event for fan-out (a publication, a join, a leave) and its frames, one per protocol,
 * encoded once each: {@link #prepare} encodes, on the broker's thread, for the protocols that
 * have subscribers of the channel; {@link #frame} on a loop finds them there (or encodes the
 * frame of a protocol whose first subscriber joined meanwhile, keeping the first one built).
 * Thread-safe.
 */
final class Encoded {

  private final Protocols protocols;
  private final Function<ProtocolEncoder, Frame> encode;
  private final AtomicReferenceArray<Frame> frames;

  Encoded(Protocols protocols, Function<ProtocolEncoder, Frame> encode) {
    this.protocols = protocols;
    this.encode = encode;
    this.frames = new AtomicReferenceArray<>(Protocols.MAX);
  }

  /** Encodes the frames of the protocols whose bit is set in {@code present}. */
  void prepare(int present) {
    for (int i = 0; i < Protocols.MAX && present >>> i != 0; i++) {
      if ((present & (1 << i)) != 0) {
        frame(i);
      }
    }
  }

  /** The frame for protocol {@code index}; null when that protocol sends nothing for it. */
  Frame frame(int index) {
    Frame frame = frames.get(index);
    if (frame != null) {
      return frame;
    }
    Frame built = encode.apply(protocols.get(index).encoder());
    if (built == null) {
      return null;
    }
    return frames.compareAndSet(index, null, built) ? built : frames.get(index);
  }
}
