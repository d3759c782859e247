package io.herald.bench.client;

import io.herald.bench.protocol.Protocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes from client WebSocket connections: {@code connections} sockets opened with the
 * server's protocol (authenticated, not subscribed), used round-robin. Writes are never held
 * back: when the server stops reading they queue in the generator (open model).
 */
public final class WsPublisher implements Publisher {

  /** Publisher connections are numbered from here, apart from subscribers. */
  public static final int FIRST_ID = 1_000_000_000;

  private final ConnectionSet set;
  private final Protocol protocol;
  private final int connections;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private List<Conn> conns = List.of();
  private int next;

  public WsPublisher(LoadClient client, InetSocketAddress server, Protocol protocol, int connections) {
    this.protocol = protocol;
    this.connections = connections;
    this.set =
        new ConnectionSet(
            client,
            server,
            protocol,
            new ConnectionSet.Sink() {
              @Override
              public void delivery(long sentNanos) {}

              @Override
              public void error(String reason) {
                errors.incrementAndGet();
              }
            });
  }

  @Override
  public void start(Duration timeout) throws Exception {
    ConnectionSet.Opened opened = set.open(FIRST_ID, connections, connections, id -> null, timeout);
    if (opened.ready() == 0) {
      throw new IllegalStateException("publisher: no WebSocket connection got ready: " + set.reasons());
    }
    conns = set.readyConns();
  }

  @Override
  public void publish(String channel, byte[] payload) {
    Conn c = conns.get(next);
    next = (next + 1) % conns.size();
    if (c.status() != Conn.Status.READY) {
      errors.incrementAndGet();
      return;
    }
    c.send(protocol.wsPublish(c, channel, payload));
    sent.incrementAndGet();
  }

  @Override
  public long sent() {
    return sent.get();
  }

  @Override
  public long errors() {
    return errors.get();
  }

  @Override
  public String path() {
    return "ws";
  }

  @Override
  public void close() {
    try {
      set.closeAll(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
