package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Backend calls a client can cause are bounded: {@code connect}'s {@code subs} count against
 * {@code client.channelLimit} before any subscribe proxy call, they run at most {@code
 * proxy.maxInFlightPerConnection} at a time, and the node has at most {@code proxy.maxInFlight}
 * calls in progress, answering the excess with 113 at once.
 */
class ProxyInFlightSocketTest extends ProxyTestBase {

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  private void slowBackend(long millis) {
    backend.subscribe = body -> {
      calls.incrementAndGet();
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      return TestBackend.Answer.json("{\"result\":{}}");
    };
  }

  private HeraldServer server(TestConfig config, int perNode, int perConnection) {
    return start(config
        .proxy(proxy(Duration.ofSeconds(5)).withInFlight(perNode, perConnection))
        .namespace(NamespaceConfig.defaults("mod").withProxies(true, true)));
  }

  private static String subs(int n) {
    StringBuilder out = new StringBuilder("{\"token\":\"%s\",\"subs\":{");
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ",").append("\"mod:c").append(i).append("\":{}");
    }
    return out.append("}}").toString();
  }

  @Test
  void subsPastTheChannelLimitGet106WithoutABackendCall() {
    slowBackend(0);
    HeraldServer server = server(TestConfig.create().client("channelLimit", 3), 100, 8);

    JsonNode result = ws(server).ok("connect", String.format(subs(10), token("ann")));

    int ok = 0;
    int refused = 0;
    for (JsonNode sub : result.get("subs")) {
      if (sub.has("error")) {
        assertThat(sub.at("/error/code").asInt()).isEqualTo(106);
        refused++;
      } else {
        ok++;
      }
    }
    assertThat(ok).isEqualTo(3);
    assertThat(refused).isEqualTo(7);
    assertThat(calls).as("subscribe proxy calls").hasValue(3);
  }

  @Test
  void subsRunAtMostMaxInFlightPerConnectionAtOnce() {
    slowBackend(150);
    HeraldServer server = server(TestConfig.create(), 100, 2);

    JsonNode result = ws(server).ok("connect", String.format(subs(8), token("ann")));

    result.get("subs").forEach(sub -> assertThat(sub.has("error")).isFalse());
    assertThat(calls).hasValue(8);
    assertThat(mostAtOnce.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void callsPastTheNodeBoundGet113AtOnce() {
    slowBackend(1500);
    HeraldServer server = server(TestConfig.create(), 2, 8);
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clients.add(connected(server, "u" + i));
    }
    List<Long> ids = new ArrayList<>();
    for (WsClient c : clients) {
      ids.add(c.send("subscribe", WsClient.json("channel", "mod:room")));
    }
    int busy = 0;
    for (int i = 0; i < clients.size(); i++) {
      JsonNode answer = clients.get(i).awaitResponse(ids.get(i));
      if (answer.has("error")) {
        assertThat(answer.at("/error/code").asInt()).isEqualTo(113);
        busy++;
      }
    }
    assertThat(busy).isEqualTo(2);
    assertThat(mostAtOnce.get()).isLessThanOrEqualTo(2);
  }
}
