package io.herald.node.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One encoded outbound message (a JSON-RPC object or batch, UTF-8). Immutable and shareable: a
 * publication is encoded into one frame per node and the same frame is handed to every
 * subscriber, so transports must never modify {@link #bytes()}.
 */
public final class Frame {

  private static final VarHandle WIRE;
  private static final VarHandle SECOND_WIRE;

  static {
    try {
      WIRE = MethodHandles.lookup().findVarHandle(Frame.class, "wire", Object.class);
      SECOND_WIRE = MethodHandles.lookup().findVarHandle(Frame.class, "secondWire", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final byte[] bytes;
  private final boolean shared;
  @SuppressWarnings("unused") // accessed through WIRE
  private volatile Object wire;
  @SuppressWarnings("unused") // accessed through SECOND_WIRE
  private volatile Object secondWire;

  private Frame(byte[] bytes, boolean shared) {
    this.bytes = bytes;
    this.shared = shared;
  }

  /** Wraps {@code bytes} of a frame for one connection; no copy, the caller must not change them. */
  public static Frame wrap(byte[] bytes) {
    return new Frame(bytes, false);
  }

  /**
   * Wraps {@code bytes} of a frame that many connections receive (a publication, a ping); no
   * copy. Transports may keep one wire form of it for all of them, see {@link #wire}.
   */
  public static Frame shared(byte[] bytes) {
    return new Frame(bytes, true);
  }

  /** True when many connections receive this same frame. */
  public boolean isShared() {
    return shared;
  }

  /**
   * This frame in a transport's wire form, built by {@code build} once and then shared by every
   * connection that writes it (e.g. one framed direct buffer per publication instead of one copy
   * per subscriber). Two wire forms are kept (say, plain and compressed); a third {@code type}
   * gets a fresh, uncached build. Thread-safe; two loops racing build twice and one wins.
   */
  public <T> T wire(Class<T> type, Function<byte[], T> build) {
    T cached = cached(type);
    if (cached != null) {
      return cached;
    }
    T built = build.apply(bytes);
    if (WIRE.compareAndSet(this, null, built)) {
      return built;
    }
    T winner = cached(type);
    if (winner != null) {
      return winner;
    }
    if (SECOND_WIRE.compareAndSet(this, null, built)) {
      return built;
    }
    winner = cached(type);
    return winner != null ? winner : built;
  }

  private <T> T cached(Class<T> type) {
    Object first = wire;
    if (type.isInstance(first)) {
      return type.cast(first);
    }
    Object second = secondWire;
    return type.isInstance(second) ? type.cast(second) : null;
  }

  /** The encoded message; callers must not modify the array. */
  public byte[] bytes() {
    return bytes;
  }

  /** Size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The message as text (for logs and tests). */
  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
