package io.herald.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connections of one port that have not yet completed their first HTTP request (the
 * WebSocket handshake, a fallback request, an API call): unauthenticated sockets that cost the
 * node a file descriptor and buffers while proving nothing. At most {@code maxPerNode} of them
 * exist at once, and at most {@code maxPerAddress} from one remote address; a connection over
 * either bound is closed as it is accepted. Thread-safe; an address leaves the map when its count
 * returns to zero.
 */
final class PendingHandshakes {

  private final int maxPerNode;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress =
      new ConcurrentHashMap<>();

  /**
   * @param maxPerNode {@code client.maxPendingHandshakes}; 0 for no limit
   * @param maxPerAddress {@code client.maxPendingHandshakesPerAddress}; 0 for no limit
   */
  PendingHandshakes(int maxPerNode, int maxPerAddress) {
    this.maxPerNode = maxPerNode;
    this.maxPerAddress = maxPerAddress;
  }

  /** Counts a new connection from {@code remote}; false (nothing counted) when over a bound. */
  boolean admit(SocketAddress remote) {
    if (total.incrementAndGet() > maxPerNode && maxPerNode > 0) {
      total.decrementAndGet();
      return false;
    }
    InetAddress address = address(remote);
    if (address == null) {
      return true;
    }
    boolean[] admitted = {true};
    byAddress.compute(address, (a, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      if (maxPerAddress > 0 && c.get() >= maxPerAddress) {
        admitted[0] = false;
      } else {
        c.incrementAndGet();
      }
      return c.get() == 0 ? null : c;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
    }
    return admitted[0];
  }

  /** Uncounts a connection {@link #admit} counted: its first request completed, or it closed. */
  void release(SocketAddress remote) {
    total.decrementAndGet();
    InetAddress address = address(remote);
    if (address != null) {
      byAddress.computeIfPresent(address, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
    }
  }

  /** Connections counted now. */
  int pending() {
    return total.get();
  }

  private static InetAddress address(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
