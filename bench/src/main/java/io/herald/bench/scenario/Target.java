package io.herald.bench.scenario;

import io.herald.bench.protocol.Protocol;
import java.net.InetSocketAddress;

/**
 * A server under test: how to speak to it, where its WebSocket (and HTTP) port is, and which
 * process to read memory and CPU from.
 *
 * @param protocol the adapter for its protocol
 * @param address its WebSocket endpoint's host and port (HTTP publishes go to the same port)
 * @param pid the server's process id, for /proc readings
 * @param jvm whether it is a JVM (then its live heap is measured with jcmd)
 */
public record Target(Protocol protocol, InetSocketAddress address, long pid, boolean jvm) {

  /** The server's short name. */
  public String server() {
    return protocol.server();
  }
}
