package io.herald.bench.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback source addresses the generator binds its connections to: 127.0.0.2, 127.0.0.3, ...
 * A TCP connection is identified by its 4-tuple, so towards one server port each source address
 * offers the ephemeral port range (32768-60999 by default, about 28,000 ports). Spreading
 * connections round-robin over several addresses gets past that limit without touching sysctls;
 * Linux routes all of 127.0.0.0/8 to the loopback interface.
 */
public final class SourceAddresses {

  private final List<InetAddress> addresses;

  private SourceAddresses(List<InetAddress> addresses) {
    this.addresses = List.copyOf(addresses);
  }

  /**
   * Enough addresses for {@code connections} at {@code perAddress} each, at least one, at most
   * 253 (127.0.0.2 to 127.0.0.254).
   */
  public static SourceAddresses forConnections(int connections, int perAddress) {
    int count = Math.max(1, (connections + perAddress - 1) / perAddress);
    return of(count);
  }

  /** {@code count} addresses starting at 127.0.0.2. */
  public static SourceAddresses of(int count) {
    if (count < 1 || count > 253) {
      throw new IllegalArgumentException("source addresses: 1-253, got " + count);
    }
    List<InetAddress> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      try {
        list.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return new SourceAddresses(list);
  }

  /** The address for connection number {@code n} (round-robin). */
  public InetAddress forConnection(int n) {
    return addresses.get(Math.floorMod(n, addresses.size()));
  }

  public int size() {
    return addresses.size();
  }

  @Override
  public String toString() {
    InetAddress last = addresses.get(addresses.size() - 1);
    return addresses.size() == 1
        ? addresses.get(0).getHostAddress()
        : addresses.get(0).getHostAddress() + "-" + last.getHostAddress();
  }
}
