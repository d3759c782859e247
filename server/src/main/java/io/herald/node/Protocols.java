package io.herald.node;

import io.herald.node.protocol.Protocol;
import java.util.Arrays;

/**
 * The protocols this node's sessions speak, each with a small index (in order of first use) that
 * the hub uses to count a channel's subscribers per protocol and to keep one encoded frame per
 * protocol and publication. At most {@value #MAX}. Thread-safe; lookups take no lock.
 */
final class Protocols {

  /** Most protocols one node serves. */
  static final int MAX = 8;

  private volatile Protocol[] byIndex = new Protocol[0];

  /** The index of {@code protocol}, registering it on first use. */
  int indexOf(Protocol protocol) {
    Protocol[] known = byIndex;
    for (int i = 0; i < known.length; i++) {
      if (known[i] == protocol) {
        return i;
      }
    }
    return register(protocol);
  }

  private synchronized int register(Protocol protocol) {
    Protocol[] known = byIndex;
    for (int i = 0; i < known.length; i++) {
      if (known[i] == protocol) {
        return i;
      }
    }
    if (known.length == MAX) {
      throw new IllegalStateException("a node serves at most " + MAX + " protocols");
    }
    Protocol[] more = Arrays.copyOf(known, known.length + 1);
    more[known.length] = protocol;
    byIndex = more;
    return known.length;
  }

  /** The protocol with index {@code index}. */
  Protocol get(int index) {
    return byIndex[index];
  }

  /** How many protocols are registered. */
  int count() {
    return byIndex.length;
  }
}
