package io.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract, run against every implementation: subclass it and return a fresh
 * broker from {@link #newBroker()}. Distributed brokers reuse it unchanged.
 */
public abstract class BrokerConformanceTest {

  /** What the broker handed to the node, in arrival order. */
  protected final List<String> received = new CopyOnWriteArrayList<>();

  private Broker broker;

  /** A fresh broker, not started. */
  protected abstract Broker newBroker();

  @BeforeEach
  void startBroker() {
    broker = newBroker();
    broker.start((channel, pub) ->
        received.add(channel + "=" + new String(pub.data(), StandardCharsets.UTF_8)));
  }

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  private static Publication pub(String json) {
    return new Publication(0, json.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void subscribedChannelReceivesItsPublications() throws Exception {
    broker.subscribe("news").toCompletableFuture().get(5, TimeUnit.SECONDS);
    broker.publish("news", pub("1")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("news=1"));
  }

  @Test
  void publicationsOfOneChannelKeepPublishOrder() throws Exception {
    broker.subscribe("seq").toCompletableFuture().get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 200; i++) {
      broker.publish("seq", pub(Integer.toString(i)));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 200);
    for (int i = 0; i < 200; i++) {
      assertThat(received.get(i)).isEqualTo("seq=" + i);
    }
  }

  @Test
  void subscribeAndUnsubscribeAreIdempotent() throws Exception {
    broker.subscribe("x").toCompletableFuture().get(5, TimeUnit.SECONDS);
    broker.subscribe("x").toCompletableFuture().get(5, TimeUnit.SECONDS);
    broker.unsubscribe("x").toCompletableFuture().get(5, TimeUnit.SECONDS);
    broker.unsubscribe("x").toCompletableFuture().get(5, TimeUnit.SECONDS);
    broker.unsubscribe("never").toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void dataIsDeliveredByteForByte() throws Exception {
    broker.subscribe("u").toCompletableFuture().get(5, TimeUnit.SECONDS);
    String data = "{\"text\":\"h\\u00e9llo \\\"w\\\" \\uD83D\\uDE00\",\"n\":[1,2.5,null,true]}";
    broker.publish("u", pub(data)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("u=" + data));
  }
}
