package io.herald.node;

import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Transport;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Disconnect;

import java.util.ArrayList;
import java.util.List;

/** A transport that records what the session writes; its queue bound is a switch. */
final class FakeTransport implements Transport {

  private final FakeLoop loop;
  private final List<String> written = new ArrayList<>();
  private final List<Frame> frames = new ArrayList<>();
  private boolean writable = true;
  private Disconnect closedWith;

  FakeTransport(FakeLoop loop) {
    this.loop = loop;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public SessionLoop loop() {
    return loop;
  }

  @Override
  public boolean write(Frame frame) {
    written.add(frame.toString());
    frames.add(frame);
    return writable;
  }

  @Override
  public void close(Disconnect disconnect) {
    if (closedWith == null) {
      closedWith = disconnect;
    }
  }

  /** Makes later writes report the queue as over its bound (or not). */
  void writable(boolean value) {
    writable = value;
  }

  /** Everything written so far, then forgets it. */
  List<String> drain() {
    List<String> out = List.copyOf(written);
    written.clear();
    return out;
  }

  /** Every frame object written so far (not cleared by {@link #drain}). */
  List<Frame> frames() {
    return frames;
  }

  /** How the transport was closed, or null while open. */
  Disconnect closedWith() {
    return closedWith;
  }
}
