package io.herald.bench.scenario;

import io.herald.bench.protocol.Protocol;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A server under test: how to speak to it, where its WebSocket (and HTTP) port is, and which
 * process to read memory and CPU from.
 *
 * @param protocol the adapter for its protocol
 * @param address its WebSocket endpoint's host and port (HTTP publishes go to the same port)
 * @param pid the server's process id, for /proc readings
 * @param jvm whether it is a JVM (then its live heap is measured with jcmd)
 * @param moreAddresses the WebSocket endpoints of a cluster's other nodes; empty for one process
 * @param morePids the process ids of a cluster's other nodes, in the same order
 */
public record Target(
    Protocol protocol,
    InetSocketAddress address,
    long pid,
    boolean jvm,
    List<InetSocketAddress> moreAddresses,
    List<Long> morePids) {

  /** A single-process server. */
  public Target(Protocol protocol, InetSocketAddress address, long pid, boolean jvm) {
    this(protocol, address, pid, jvm, List.of(), List.of());
  }

  /**
   * Every address subscribers may connect to: {@link #address} first (where publishes go), then
   * the other nodes of a cluster.
   */
  public List<InetSocketAddress> addresses() {
    List<InetSocketAddress> all = new ArrayList<>(List.of(address));
    all.addAll(moreAddresses);
    return all;
  }

  /** Every process of the server: {@link #pid} first, then the other nodes of a cluster. */
  public List<Long> pids() {
    List<Long> all = new ArrayList<>(List.of(pid));
    all.addAll(morePids);
    return all;
  }

  /** The server's short name. */
  public String server() {
    return protocol.server();
  }
}
