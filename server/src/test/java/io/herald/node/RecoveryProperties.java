package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.ClientConfig;
import io.herald.config.NamespaceConfig;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.StreamPosition;
import io.herald.engine.memory.MemoryEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Herald's delivery guarantee, checked over random interleavings of publishes, dropped
 * connections (losing a random part of what was in flight), reconnects with recovery, pending
 * fan-out, history trimming (size, TTL, removal) and lost streams (meta TTL): every client either
 * receives every publication exactly once and in order, or is told {@code recovered: false}. No
 * silent gap, ever.
 *
 * <p>Each simulated client keeps what a real SDK keeps: the last offset and epoch it processed.
 * It checks every publication it is handed against them; a gap or a repeat fails the property.
 */
class RecoveryProperties {

  private static final String CHANNEL = "feed:x";

  /** What the simulation does next. */
  sealed interface Step {}

  record Publish(int count) implements Step {}

  record RunLoop() implements Step {}

  /** Drop client {@code who}; it had read {@code keepPercent}% of what was sent to it. */
  record Drop(int who, int keepPercent) implements Step {}

  record Reconnect(int who) implements Step {}

  record Advance(int seconds) implements Step {}

  record RemoveHistory() implements Step {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(1, 4).map(Publish::new)),
        Tuple.of(3, Arbitraries.just(new RunLoop())),
        Tuple.of(2, Combinators.combine(
            Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 100))
            .as(Drop::new)),
        Tuple.of(3, Arbitraries.integers().between(0, 2).map(Reconnect::new)),
        Tuple.of(1, Arbitraries.of(1, 30, 70, 200).map(Advance::new)),
        Tuple.of(1, Arbitraries.just(new RemoveHistory())));
    return step.list().ofMinSize(5).ofMaxSize(60);
  }

  @Property(tries = 400)
  void everyClientGetsEverythingInOrderOrIsToldItCannot(@ForAll("steps") List<Step> steps) {
    NamespaceConfig feed = NamespaceConfig.defaults("feed")
        .with("allowSubscribeForClient", true)
        .with("historySize", 5)
        .with("historyTtl", Duration.ofSeconds(60))
        .with("historyMetaTtl", Duration.ofSeconds(150));
    ClientConfig client = ClientConfig.defaults()
        .with("pingInterval", Duration.ofHours(2))
        .with("recoveryMaxPublicationLimit", 3);
    SessionHarness h = new SessionHarness(client, MemoryEngine::create, feed);
    List<SimClient> clients = List.of(new SimClient(h, "a"), new SimClient(h, "b"),
        new SimClient(h, "c"));
    clients.forEach(SimClient::reconnect);
    int published = 0;
    for (Step step : steps) {
      switch (step) {
        case Publish p -> {
          for (int i = 0; i < p.count(); i++) {
            h.node.publish(CHANNEL, Integer.toString(++published).getBytes());
          }
        }
        case RunLoop r -> h.loop.runPending();
        case Drop drop -> clients.get(drop.who()).drop(drop.keepPercent());
        case Reconnect r -> clients.get(r.who()).reconnect();
        case Advance a -> h.loop.advance(Duration.ofSeconds(a.seconds()));
        case RemoveHistory r -> h.node.removeHistory(CHANNEL);
      }
      clients.forEach(SimClient::read);
    }
    // One last publication shows every connected client where the stream is now, even one whose
    // stream was lost since its last publication; then everyone must be exactly there.
    h.node.publish(CHANNEL, Integer.toString(++published).getBytes());
    for (int round = 0; round < 3; round++) {
      h.loop.runPending();
      clients.forEach(SimClient::read);
    }
    StreamPosition top = h.node.history(CHANNEL, HistoryQuery.position(HistoryOptions.NONE))
        .toCompletableFuture().join().position();
    for (SimClient c : clients) {
      c.assertAt(top);
    }
  }

  /** A client as an SDK would run it: tracks its position, recovers on reconnect. */
  private static final class SimClient {
    private final SessionHarness h;
    private final String user;
    private SessionHarness.Client conn;
    private long offset = -1;
    private String epoch;
    private int subscribeId = -1;
    private boolean subscribed;
    private boolean recovering;
    private final List<String> log = new ArrayList<>();

    SimClient(SessionHarness h, String user) {
      this.h = h;
      this.user = user;
    }

    void reconnect() {
      if (conn != null) {
        return;
      }
      conn = h.client();
      conn.connect(user);
      subscribe();
    }

    private void subscribe() {
      recovering = epoch != null;
      String params = recovering
          ? "{\"channel\":\"" + CHANNEL + "\",\"recover\":true,\"offset\":" + offset
              + ",\"epoch\":\"" + epoch + "\"}"
          : "{\"channel\":\"" + CHANNEL + "\"}";
      subscribeId = conn.send("subscribe", params);
      log.add("subscribe " + params);
    }

    void drop(int keepPercent) {
      if (conn == null) {
        return;
      }
      List<JsonNode> inFlight = conn.messages();
      int keep = inFlight.size() * keepPercent / 100;
      process(inFlight.subList(0, keep));
      log.add("drop, kept " + keep + " of " + inFlight.size());
      conn.session.transportClosed();
      conn = null;
      subscribed = false;
    }

    void read() {
      if (conn != null) {
        process(conn.messages());
      }
    }

    private void process(List<JsonNode> messages) {
      for (JsonNode m : messages) {
        if (m.has("id") && m.get("id").asInt() == subscribeId) {
          subscribed(m.get("result"));
        } else if ("publication".equals(m.path("method").asText())) {
          long got = m.at("/params/offset").asLong();
          log.add("publication " + got);
          assertThat(subscribed).as("publication before the subscribe reply; %s", log).isTrue();
          assertThat(got).as("offset after %d: %s", offset, log).isEqualTo(offset + 1);
          offset = got;
        } else if ("unsubscribe".equals(m.path("method").asText())) {
          log.add("unsubscribed " + m.at("/params/code").asInt());
          assertThat(m.at("/params/code").asInt()).isEqualTo(2500);
          subscribed = false;
          subscribe();
        }
      }
    }

    private void subscribed(JsonNode result) {
      assertThat(result).as("subscribe answered; %s", log).isNotNull();
      long top = result.get("offset").asLong();
      String topEpoch = result.get("epoch").asText();
      log.add("subscribed " + result);
      if (recovering && result.get("recovered").asBoolean()) {
        assertThat(topEpoch).isEqualTo(epoch);
        long expect = offset;
        for (JsonNode p : result.get("publications")) {
          assertThat(p.get("offset").asLong()).as("recovered after %d; %s", expect, log)
              .isEqualTo(++expect);
        }
        assertThat(expect).as("recovered up to the top; %s", log).isEqualTo(top);
      } else if (recovering) {
        assertThat(result.get("publications")).isEmpty();
      }
      offset = top;
      epoch = topEpoch;
      subscribed = true;
    }

    void assertAt(StreamPosition top) {
      if (conn == null || !subscribed) {
        return;
      }
      assertThat(epoch).as("epoch at the end; %s", log).isEqualTo(top.epoch());
      assertThat(offset).as("offset at the end; %s", log).isEqualTo(top.offset());
    }
  }
}
