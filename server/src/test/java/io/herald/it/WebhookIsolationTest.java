package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.config.WebhookEndpoint;
import io.herald.server.HeraldServer;
import io.herald.webhooks.WebhookReceiver;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bad webhook receiver does not slow clients: publish-to-delivery latency between two real
 * WebSocket clients, with a {@code client.publish} webhook per publication (one event per POST),
 * while the receiver answers 200 at once (the baseline), answers 500, answers after 30 seconds,
 * or answers with 50 MB. The figures go to the test log; the p99 of each bad receiver stays
 * within a small factor of the baseline's.
 */
class WebhookIsolationTest extends SocketTestBase {

  private static final Logger log = LoggerFactory.getLogger(WebhookIsolationTest.class);
  private static final int WARMUP = 200;
  private static final int SAMPLES = 1000;

  private long[] measure(WebhookReceiver receiver, Consumer<WebhookReceiver> mode) {
    receiver.answer(200);
    receiver.delay(0);
    receiver.responseSize(0);
    mode.accept(receiver);
    WebhookEndpoint e = WebhookEndpoint.defaults().with("url", receiver.url())
        .with("secret", WebhooksSocketTest.SECRET).with("events", List.of("client.publish"))
        .with("batchMaxSize", 1).with("batchMaxDelay", Duration.ZERO);
    HeraldServer server = start(TestConfig.create().namespace(WebhooksSocketTest.ROOM)
        .client("rateLimit", 0).build()
        .with("webhooks", List.of(e)));
    WsClient subscriber = subscriber(server, "sub", "room:1");
    WsClient publisher = connected(server, "pub");
    int before = receiver.requests();
    long[] out = new long[SAMPLES];
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
      long started = System.nanoTime();
      long id = publisher.send("publish", "{\"channel\":\"room:1\",\"data\":{\"n\":" + i + "}}");
      subscriber.await(WsClient.isPublication("room:1"), WsClient.TIMEOUT, "publication " + i);
      long took = System.nanoTime() - started;
      assertThat(publisher.awaitResponse(id).has("result")).isTrue();
      if (i >= WARMUP) {
        out[i - WARMUP] = took;
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests() > before);
    subscriber.close();
    publisher.close();
    Arrays.sort(out);
    return out;
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  @Test
  void aFailingSlowOrHugeReceiverLeavesPublishToDeliveryLatencyAsItWas() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(WebhooksSocketTest.SECRET)) {
      measure(receiver, r -> {}); // the JIT's warm-up, not counted
      Map<String, long[]> results = new LinkedHashMap<>();
      results.put("200 at once", measure(receiver, r -> {}));
      results.put("500", measure(receiver, r -> r.answer(500)));
      results.put("after 30 s", measure(receiver, r -> r.delay(30_000)));
      results.put("50 MB", measure(receiver, r -> r.responseSize(50 * 1024 * 1024)));
      StringBuilder report = new StringBuilder("publish-to-delivery with a client.publish webhook");
      results.forEach((mode, sorted) -> report.append(String.format(
          "%n  receiver %-12s p50 %.2f ms  p99 %.2f ms  max %.2f ms", mode, ms(sorted, 0.5),
          ms(sorted, 0.99), ms(sorted, 1.0))));
      log.warn(report.toString());
      double baseline = ms(results.get("200 at once"), 0.99);
      results.forEach((mode, sorted) -> assertThat(ms(sorted, 0.99)).as(mode)
          .isLessThan(Math.max(baseline * 4, baseline + 50)));
    }
  }
}
