package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session core on a fake transport and a fake clock: lifecycle, timers, tokens. */
class ClientSessionTest {

  private final SessionHarness h = new SessionHarness();

  @Test
  void commandBeforeConnectIsRefusedAndConnectionStays() {
    SessionHarness.Client c = h.client();
    JsonNode reply = c.call("subscribe", "{\"channel\":\"news\"}");
    assertThat(reply.at("/error/code").asInt()).isEqualTo(101);
    assertThat(c.transport.closedWith()).isNull();
    assertThat(c.connect("ann").at("/result/user").asText()).isEqualTo("ann");
  }

  @Test
  void connectResultCarriesClientUserAndPing() {
    SessionHarness.Client c = h.client();
    JsonNode result = c.connect("ann").get("result");
    assertThat(result.get("client").asText()).isEqualTo(c.session.id());
    assertThat(result.get("ping").asInt()).isEqualTo(25);
    assertThat(result.get("pong").asBoolean()).isTrue();
    assertThat(result.has("expires")).isFalse();
  }

  @Test
  void noConnectWithinTimeoutCloses3502() {
    SessionHarness.Client c = h.client();
    h.loop.advance(Duration.ofSeconds(9));
    assertThat(c.transport.closedWith()).isNull();
    h.loop.advance(Duration.ofSeconds(2));
    assertThat(c.transport.closedWith().code()).isEqualTo(3502);
    assertThat(c.messages()).anySatisfy(m -> {
      assertThat(m.get("method").asText()).isEqualTo("disconnect");
      assertThat(m.at("/params/code").asInt()).isEqualTo(3502);
      assertThat(m.at("/params/reconnect").asBoolean()).isFalse();
    });
  }

  @Test
  void anonymousRefusedWhenNotAllowed() {
    SessionHarness.Client c = h.client();
    JsonNode reply = c.call("connect", "{}");
    assertThat(reply.at("/error/code").asInt()).isEqualTo(101);
    assertThat(c.transport.closedWith().code()).isEqualTo(3500);
  }

  @Test
  void anonymousAllowedWhenConfigured() {
    SessionHarness anon = new SessionHarness(SessionHarness.anonymousAllowed(),
        io.herald.engine.memory.MemoryEngine::create);
    SessionHarness.Client c = anon.client();
    assertThat(c.call("connect", "{}").at("/result/user").asText()).isEmpty();
  }

  @Test
  void forgedTokenRefusedWith101And3500() {
    SessionHarness.Client c = h.client();
    String forged = new io.herald.auth.TokenMinter(
        "another-secret-another-secret-another-secret", h.loop.clock())
        .connectionToken("ann", null, null, List.of());
    JsonNode reply = c.call("connect", "{\"token\":\"" + forged + "\"}");
    assertThat(reply.at("/error/code").asInt()).isEqualTo(101);
    assertThat(c.transport.closedWith().code()).isEqualTo(3500);
    assertThat(c.session.closed()).isTrue();
  }

  @Test
  void expiredTokenRefusedWith109And3005() {
    SessionHarness.Client c = h.client();
    String token = h.minter.connectionToken("ann", Duration.ofSeconds(1), null, List.of());
    h.loop.advance(Duration.ofSeconds(7)); // past exp and token.leeway (5 s)
    JsonNode reply = c.call("connect", "{\"token\":\"" + token + "\"}");
    assertThat(reply.at("/error/code").asInt()).isEqualTo(109);
    assertThat(c.transport.closedWith().code()).isEqualTo(3005);
  }

  @Test
  void pingEveryIntervalAndNoPongCloses3012() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    h.loop.advance(Duration.ofSeconds(25));
    assertThat(c.messages()).extracting(m -> m.get("method").asText()).containsExactly("ping");
    c.raw("{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}");
    assertThat(c.messages()).isEmpty();
    h.loop.advance(Duration.ofSeconds(25));
    assertThat(c.messages()).extracting(m -> m.get("method").asText()).containsExactly("ping");
    h.loop.advance(Duration.ofSeconds(9));
    assertThat(c.transport.closedWith()).isNull();
    h.loop.advance(Duration.ofSeconds(2));
    assertThat(c.transport.closedWith().code()).isEqualTo(3012);
  }

  @Test
  void expiringTokenMustBeRefreshedWithinGrace() {
    SessionHarness.Client c = h.client();
    String token = h.minter.connectionToken("ann", Duration.ofSeconds(60), null, List.of());
    JsonNode result = c.call("connect", "{\"token\":\"" + token + "\"}").get("result");
    assertThat(result.get("expires").asBoolean()).isTrue();
    assertThat(result.get("ttl").asLong()).isEqualTo(60);
    keepAnswering(c, Duration.ofSeconds(84));
    assertThat(c.transport.closedWith()).isNull();
    keepAnswering(c, Duration.ofSeconds(2));
    assertThat(c.transport.closedWith().code()).isEqualTo(3005);
  }

  @Test
  void farAwayExpiryIsReachedByReArmingTheTimer() {
    SessionHarness.Client c = h.client();
    String token = h.minter.connectionToken("ann", Duration.ofDays(3), null, List.of());
    assertThat(c.call("connect", "{\"token\":\"" + token + "\"}").has("result")).isTrue();
    keepAnswering(c, Duration.ofDays(3));
    assertThat(c.transport.closedWith()).isNull();
    keepAnswering(c, Duration.ofSeconds(30));
    assertThat(c.transport.closedWith().code()).isEqualTo(3005);
  }

  @Test
  void refreshExtendsTheConnection() {
    SessionHarness.Client c = h.client();
    c.call("connect", "{\"token\":\""
        + h.minter.connectionToken("ann", Duration.ofSeconds(60), null, List.of()) + "\"}");
    keepAnswering(c, Duration.ofSeconds(50));
    String fresh = h.minter.connectionToken("ann", Duration.ofSeconds(600), null, List.of());
    JsonNode refresh = c.call("refresh", "{\"token\":\"" + fresh + "\"}").get("result");
    assertThat(refresh.get("expires").asBoolean()).isTrue();
    assertThat(refresh.get("ttl").asLong()).isEqualTo(600);
    keepAnswering(c, Duration.ofSeconds(200));
    assertThat(c.transport.closedWith()).isNull();
  }

  @Test
  void refreshForAnotherUserCloses3500() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    String other = h.minter.connectionToken("bob", Duration.ofSeconds(600), null, List.of());
    assertThat(c.call("refresh", "{\"token\":\"" + other + "\"}").at("/error/code").asInt())
        .isEqualTo(101);
    assertThat(c.transport.closedWith().code()).isEqualTo(3500);
  }

  @Test
  void refreshWithExpiredTokenIs109AndKeepsConnection() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    String stale = h.minter.connectionToken("ann", Duration.ofSeconds(1), null, List.of());
    h.loop.advance(Duration.ofSeconds(7)); // past exp and token.leeway (5 s)
    c.messages();
    assertThat(c.call("refresh", "{\"token\":\"" + stale + "\"}").at("/error/code").asInt())
        .isEqualTo(109);
    assertThat(c.transport.closedWith()).isNull();
  }

  @Test
  void secondConnectIsBadRequest() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    assertThat(c.connect("ann").at("/error/code").asInt()).isEqualTo(107);
  }

  @Test
  void tokenChannelsAreSubscribedServerSide() {
    SessionHarness.Client c = h.client();
    String token = h.minter.connectionToken("ann", null, null, List.of("news", "tasks#ann"));
    JsonNode result = c.call("connect", "{\"token\":\"" + token + "\"}").get("result");
    assertThat(result.get("subs").fieldNames()).toIterable().containsExactly("news", "tasks#ann");
    assertThat(c.session.channels()).containsExactlyInAnyOrder("news", "tasks#ann");
  }

  @Test
  void closingReleasesSubscriptionsAndUser() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    c.call("subscribe", "{\"channel\":\"news\"}");
    assertThat(h.node.channels()).containsEntry("news", 1);
    assertThat(h.node.info().numClients()).isEqualTo(1);
    c.session.transportClosed();
    assertThat(h.node.channels()).isEmpty();
    assertThat(h.node.info().numClients()).isZero();
  }

  @Test
  void batchAnswersAsArrayAndNotificationsGetNothing() {
    SessionHarness.Client c = h.client();
    c.connect("ann");
    c.raw("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"subscribe\",\"params\":{\"channel\":\"x\"}},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"pong\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"nope\"}]");
    List<String> frames = c.transport.drain();
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0)).startsWith("[").contains("\"id\":\"a\"").contains("-32601");
  }

  @Test
  void namespacesAreResolved() {
    SessionHarness ns = new SessionHarness(NamespaceConfig.defaults("locked"));
    SessionHarness.Client c = ns.client();
    c.connect("ann");
    assertThat(c.call("subscribe", "{\"channel\":\"missing:x\"}").at("/error/code").asInt())
        .isEqualTo(102);
    assertThat(c.call("subscribe", "{\"channel\":\"locked:x\"}").at("/error/code").asInt())
        .isEqualTo(103);
  }

  /** Advances time in 1 s steps, answering every ping, so only expiry can close. */
  private void keepAnswering(SessionHarness.Client c, Duration total) {
    for (long s = 0; s < total.toSeconds(); s++) {
      h.loop.advance(Duration.ofSeconds(1));
      boolean pinged = c.messages().stream()
          .anyMatch(m -> m.has("method") && m.get("method").asText().equals("ping"));
      if (pinged && !c.session.closed()) {
        c.raw("{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}");
      }
    }
  }
}
