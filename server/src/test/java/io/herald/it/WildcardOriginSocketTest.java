package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code allowedOrigins: ["*"]} admits every origin but trusts none with credentials: no
 * reflected origin with {@code Access-Control-Allow-Credentials}, no token taken from a cookie.
 * An origin listed explicitly next to it keeps both.
 */
class WildcardOriginSocketTest extends SocketTestBase {

  private static final String APP = "https://app.example.com";
  private static final String EVIL = "https://evil.example.net";

  @Test
  void anyOriginGetsAStarWithoutCredentials() throws Exception {
    HeraldServer server = start(TestConfig.create().allowedOrigins("*"));

    HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
            base(server).resolve(LongPollClient.PATH))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", EVIL)
        .header("Access-Control-Request-Method", "POST")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

    SseClient sse = track(SseClient.open(http, base(server),
        WsClient.json("token", token("ann")), Map.of("Origin", EVIL)));
    assertThat(sse.status()).isEqualTo(200);
    assertThat(sse.response().headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(sse.response().headers().firstValue("Access-Control-Allow-Credentials"))
        .isEmpty();
    assertThat(sse.connectReply().at("/result/user").asText()).isEqualTo("ann");
  }

  @Test
  void aClientCannotMarkItsOwnRequestAsWildcard() {
    HeraldServer server = start(TestConfig.create().allowedOrigins("*", APP));

    SseClient sse = track(SseClient.open(http, base(server), WsClient.json("token",
        token("ann")), Map.of("Origin", APP, "X-Herald-Origin-Wildcard", "1")));

    assertThat(sse.response().headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
    assertThat(sse.response().headers().firstValue("Access-Control-Allow-Credentials"))
        .contains("true");
  }

  @Test
  void aCookieTokenIsHonouredOnlyForAnOriginListedExplicitly() {
    HeraldServer server = start(TestConfig.create().allowedOrigins("*", APP));
    String cookie = "herald_token=" + token("ann");

    SseClient listed = track(SseClient.open(http, base(server), null,
        Map.of("Origin", APP, "Cookie", cookie)));
    assertThat(listed.response().headers().firstValue("Access-Control-Allow-Origin"))
        .contains(APP);
    assertThat(listed.response().headers().firstValue("Access-Control-Allow-Credentials"))
        .contains("true");
    assertThat(listed.connectReply().at("/result/user").asText()).isEqualTo("ann");

    SseClient other = track(SseClient.open(http, base(server), null,
        Map.of("Origin", EVIL, "Cookie", cookie)));
    JsonNode refused = other.connectReply();
    assertThat(refused.at("/error/code").asInt()).as("no token: anonymous is off").isEqualTo(101);

    SseClient noBrowser = track(SseClient.open(http, base(server), null,
        Map.of("Cookie", cookie)));
    assertThat(noBrowser.connectReply().at("/result/user").asText()).isEqualTo("ann");
  }

  private static URI base(HeraldServer server) {
    return FallbackSessionSocketTest.base(server);
  }
}
