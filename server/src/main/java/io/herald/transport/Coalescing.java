package io.herald.transport;

/**
 * Where a WebSocket connection that coalesces its messages stands within a loop pass: nothing
 * waiting ({@link Bounds}, one instance shared by every such connection) or messages waiting to
 * leave as one array ({@link FrameBatch}, made by the pass's first write and dropped by its
 * flush). A connection keeps one reference to it (null when it does not coalesce), so coalescing
 * costs an idle connection nothing beyond that reference.
 */
sealed interface Coalescing permits Coalescing.Bounds, FrameBatch {

  /** The limits of every array this connection sends. */
  Bounds bounds();

  /**
   * The limits of one coalesced message: at most {@code maxMessages} messages and {@code maxBytes}
   * bytes of array (brackets and commas included, the WebSocket header not).
   */
  record Bounds(int maxMessages, int maxBytes) implements Coalescing {

    private static volatile Bounds last = new Bounds(1, 2);

    public Bounds {
      if (maxMessages < 1 || maxBytes < 2) {
        throw new IllegalArgumentException(
            "coalescing needs maxMessages >= 1 and maxBytes >= 2: " + maxMessages + ", "
                + maxBytes);
      }
    }

    /** The bounds for these limits; the same instance while the limits stay the same. */
    static Bounds of(int maxMessages, int maxBytes) {
      Bounds cached = last;
      if (cached.maxMessages == maxMessages && cached.maxBytes == maxBytes) {
        return cached;
      }
      Bounds made = new Bounds(maxMessages, maxBytes);
      last = made;
      return made;
    }

    @Override
    public Bounds bounds() {
      return this;
    }
  }
}
