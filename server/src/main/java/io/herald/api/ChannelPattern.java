package io.herald.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob over channel names for API {@code channels}: {@code *} matches any run of characters,
 * {@code ?} one character; everything else is literal.
 *
 * <p>Matching takes time linear in the channel name, whatever the pattern: no regular expression
 * and no backtracking. The pattern is split at its stars; the part before the first star must
 * start the name, the part after the last must end it, and each part between is found at its
 * leftmost place after the previous one (leftmost is always safe for a glob), with a bit-parallel
 * (shift-and) search that reads each character of the name once per 64 pattern characters. A
 * pattern is at most {@link #MAX_LENGTH} characters (the longest channel name), so one match costs
 * at most a few times the name's length.
 *
 * <p>Immutable and thread-safe.
 */
final class ChannelPattern {

  /** Longest pattern accepted: a channel name is at most this long, so a longer one is useless. */
  static final int MAX_LENGTH = 255;

  private final String head;
  private final String tail;
  private final List<Part> middle;
  private final boolean starred;

  private ChannelPattern(String head, String tail, List<Part> middle, boolean starred) {
    this.head = head;
    this.tail = tail;
    this.middle = middle;
    this.starred = starred;
  }

  /**
   * Compiles {@code glob}.
   *
   * @throws IllegalArgumentException when it is longer than {@link #MAX_LENGTH}
   */
  static ChannelPattern of(String glob) {
    if (glob.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("pattern must be at most " + MAX_LENGTH + " characters");
    }
    int first = glob.indexOf('*');
    if (first < 0) {
      return new ChannelPattern(glob, "", List.of(), false);
    }
    int last = glob.lastIndexOf('*');
    List<Part> middle = new ArrayList<>();
    for (String part : glob.substring(first + 1, last + 1).split("\\*")) {
      if (!part.isEmpty()) {
        middle.add(new Part(part));
      }
    }
    return new ChannelPattern(glob.substring(0, first), glob.substring(last + 1), middle, true);
  }

  boolean matches(String channel) {
    int n = channel.length();
    if (!starred) {
      return n == head.length() && same(head, channel, 0);
    }
    if (n < head.length() + tail.length() || !same(head, channel, 0)
        || !same(tail, channel, n - tail.length())) {
      return false;
    }
    int from = head.length();
    int end = n - tail.length();
    for (Part part : middle) {
      from = part.findEnd(channel, from, end);
      if (from < 0) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code literal} (with {@code ?}) matches {@code text} at {@code at}. */
  private static boolean same(String literal, String text, int at) {
    for (int i = 0; i < literal.length(); i++) {
      char p = literal.charAt(i);
      if (p != '?' && p != text.charAt(at + i)) {
        return false;
      }
    }
    return true;
  }

  /** A star-free part of the pattern, searched for with shift-and over {@code long} words. */
  private static final class Part {

    private final int length;
    private final int words;
    /** Per ASCII character: the positions of the part it may stand at. */
    private final long[][] masks = new long[128][];
    /** The positions holding {@code ?}: all that any other character may stand at. */
    private final long[] any;

    Part(String part) {
      length = part.length();
      words = (length + 63) / 64;
      any = new long[words];
      for (int c = 0; c < 128; c++) {
        masks[c] = new long[words];
      }
      for (int j = 0; j < length; j++) {
        char p = part.charAt(j);
        if (p == '?') {
          any[j >>> 6] |= 1L << (j & 63);
        } else if (p < 128) {
          masks[p][j >>> 6] |= 1L << (j & 63);
        }
      }
      for (int c = 0; c < 128; c++) {
        for (int w = 0; w < words; w++) {
          masks[c][w] |= any[w];
        }
      }
    }

    /**
     * Finds the leftmost occurrence within {@code text[from, end)}.
     *
     * @return the index just after it, or -1 when there is none
     */
    int findEnd(String text, int from, int end) {
      long[] state = new long[words];
      int lastWord = (length - 1) >>> 6;
      long lastBit = 1L << ((length - 1) & 63);
      for (int i = from; i < end; i++) {
        char c = text.charAt(i);
        long[] mask = c < 128 ? masks[c] : any;
        long carry = 1;
        for (int w = 0; w < words; w++) {
          long next = state[w] >>> 63;
          state[w] = ((state[w] << 1) | carry) & mask[w];
          carry = next;
        }
        if ((state[lastWord] & lastBit) != 0) {
          return i + 1;
        }
      }
      return -1;
    }
  }
}
