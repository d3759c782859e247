package io.herald.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.bench.client.ConnectionSet;
import io.herald.bench.client.HttpPublisher;
import io.herald.bench.client.LoadClient;
import io.herald.bench.client.Publisher;
import io.herald.bench.client.SourceAddresses;
import io.herald.bench.client.WsPublisher;
import io.herald.bench.metrics.Deliveries;
import io.herald.bench.protocol.BareProtocol;
import io.herald.bench.protocol.Payload;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator end to end against the in-process bare broadcaster on loopback: subscribers on
 * two source addresses, HTTP and WebSocket publishes, every delivery measured. About a second.
 */
class BareBroadcasterLoopbackTest {

  private static BareBroadcaster server;
  private static LoadClient client;

  @BeforeAll
  static void start() throws Exception {
    // Linux routes all of 127.0.0.0/8 to loopback; other systems may only have 127.0.0.1.
    try (java.net.Socket probe = new java.net.Socket()) {
      probe.bind(new InetSocketAddress("127.0.0.3", 0));
    } catch (java.io.IOException e) {
      Assumptions.assumeTrue(false, "127.0.0.2 and 127.0.0.3 are not loopback addresses here");
    }
    server = BareBroadcaster.start("127.0.0.1", 0, 2);
    client = new LoadClient(1, SourceAddresses.of(2));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyPublishReachesEverySubscriber() throws Exception {
    check(false);
    check(true);
  }

  private void check(boolean ws) throws Exception {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
    BareProtocol protocol = new BareProtocol();
    Deliveries deliveries = new Deliveries(1000);
    deliveries.measureFrom(0);
    ConnectionSet set = new ConnectionSet(client, address, protocol, deliveries);
    ConnectionSet.Opened opened = set.open(0, 20, 10, id -> "room", Duration.ofSeconds(10));
    assertThat(opened.ready()).isEqualTo(20);
    assertThat(set.readyConns())
        .extracting(c -> c.socket().localAddress().toString())
        .anyMatch(a -> a.startsWith("/127.0.0.2:"))
        .anyMatch(a -> a.startsWith("/127.0.0.3:"));
    try (Publisher publisher =
        ws ? new WsPublisher(client, address, protocol, 1) : new HttpPublisher(client, address, protocol, 2, 100)) {
      publisher.start(Duration.ofSeconds(10));
      for (int i = 0; i < 10; i++) {
        publisher.publish("room", Payload.json(System.nanoTime(), 64));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (deliveries.measured() < 200 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(publisher.errors()).isZero();
    }
    assertThat(deliveries.measured()).isEqualTo(200);
    assertThat(deliveries.histogram().getTotalCount()).isGreaterThanOrEqualTo(200);
    set.closeAll(Duration.ofSeconds(5));
    assertThat(set.closedAfterReady()).isZero();
  }
}
