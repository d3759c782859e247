package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.server.HeraldServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Makes the server give every answer docs/openapi.yaml describes (but 500, which needs a broken
 * engine) through {@link ApiClient}, which checks each exchange against the description; and
 * shows that the check catches drift.
 */
class OpenApiExchangesTest extends SocketTestBase {

  /** Namespace {@code feed}: history and presence, open to every client. */
  private static NamespaceConfig feed() {
    return NamespaceConfig.defaults("feed")
        .with("allowSubscribeForClient", true)
        .with("allowPublishForClient", true)
        .with("presence", true)
        .with("historySize", 100)
        .with("historyTtl", Duration.ofMinutes(5));
  }

  @Test
  void everyDescribedAnswerIsGivenAndMatchesTheDescription() {
    HeraldServer server = start(TestConfig.create().namespace(feed()).apiMaxBodySize(1024));
    ApiClient api = api(server);
    WsClient ann = subscriber(server, "ann", "feed:room");

    // Results, with and without history.
    JsonNode first = api.call("publish", "{\"channel\":\"feed:room\",\"data\":{\"n\":1}}");
    assertThat(first.get("offset").asLong()).isEqualTo(1);
    String epoch = first.get("epoch").asText();
    api.call("publish", "{\"channel\":\"feed:room\",\"data\":null,\"idempotencyKey\":\"k1\"}");
    assertThat(api.call("publish", json("channel", "news", "data", 1))).isEmpty();
    api.call("broadcast", "{\"channels\":[\"feed:room\",\"news\",\"nope:x\",\"a b\"],\"data\":2}");
    JsonNode history = api.call("history",
        "{\"channel\":\"feed:room\",\"limit\":2,\"reverse\":false,\"since\":{\"offset\":0,\"epoch\":\""
            + epoch + "\"}}");
    assertThat(history.get("publications")).hasSize(2);
    api.call("history", json("channel", "feed:room", "limit", 0));
    api.call("history", "{\"channel\":\"feed:room\",\"reverse\":true,\"since\":null,\"limit\":null}");
    awaitPresence(api, "feed:room", 1);
    api.call("presenceStats", json("channel", "feed:room"));
    api.call("channels", json("pattern", "feed:*"));
    api.call("info", "");
    api.call("subscribe", json("user", "ann", "channel", "news"));
    api.call("unsubscribe", json("user", "ann", "channel", "news"));
    api.call("historyRemove", json("channel", "feed:room"));
    api.call("batch", "{\"commands\":["
        + "{\"method\":\"publish\",\"params\":{\"channel\":\"feed:room\",\"data\":3}},"
        + "{\"method\":\"history\",\"params\":{\"channel\":\"feed:room\"}},"
        + "{\"method\":\"presence\",\"params\":{\"channel\":\"feed:room\"}},"
        + "{\"method\":\"presenceStats\",\"params\":{\"channel\":\"feed:room\"}},"
        + "{\"method\":\"channels\"},{\"method\":\"info\"},"
        + "{\"method\":\"historyRemove\",\"params\":{\"channel\":\"feed:room\"}},"
        + "{\"method\":\"nope\"},{\"method\":\"batch\"},7,{\"method\":\"info\",\"params\":[]},"
        + "{\"method\":\"history\",\"params\":{\"channel\":\"news\"}}]}");
    api.call("disconnect", json("user", "ann", "code", 4000, "reason", "bye"));
    ann.awaitClose();

    // Herald errors in a 200 answer.
    assertThat(api.errorCall("publish", json("channel", "nope:x", "data", 1))).isEqualTo(102);
    assertThat(api.errorCall("subscribe", json("user", "u", "channel", "a b"))).isEqualTo(107);
    assertThat(api.errorCall("history", json("channel", "news"))).isEqualTo(108);
    assertThat(api.errorCall("history",
        "{\"channel\":\"feed:room\",\"since\":{\"offset\":1,\"epoch\":\"other\"}}")).isEqualTo(112);
    assertThat(api.errorCall("historyRemove", json("channel", "news"))).isEqualTo(108);
    assertThat(api.errorCall("presence", json("channel", "news"))).isEqualTo(108);
    assertThat(api.errorCall("presenceStats", json("channel", "nope:x"))).isEqualTo(102);

    // Refusals of every method: bad params, no key, too large; unknown names; other HTTP methods.
    for (String method : new TreeSet<>(methods())) {
      assertThat(api.post(method, "[1]").statusCode()).isEqualTo(400);
      assertThat(api.post(method, "{}", null).statusCode()).isEqualTo(401);
      assertThat(api.post(method, json("data", "x".repeat(2000))).statusCode()).isEqualTo(413);
    }
    assertThat(api.post("publish", "{no").statusCode()).isEqualTo(400);
    assertThat(api.post("nope", "{}").statusCode()).isEqualTo(404);
    assertThat(api.post("nope", "{}", null).statusCode()).isEqualTo(401);
    assertThat(api.post("nope", json("data", "x".repeat(2000))).statusCode()).isEqualTo(413);
    for (String httpMethod : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
      assertThat(api.request(httpMethod, "/api/publish").statusCode()).isEqualTo(405);
    }
    assertThat(api.request("GET", "/health").statusCode()).isEqualTo(200);
    HttpResponse<String> description = api.request("GET", "/api/openapi.yaml");
    assertThat(description.statusCode()).isEqualTo(200);
    assertThat(description.body()).isEqualTo(OpenApiContract.resourceText());
    assertThat(description.headers().firstValue("content-type")).hasValue(
        "application/yaml; charset=utf-8");
    assertThat(api.post("openapi.yaml", "{}").statusCode()).isEqualTo(405);
    for (String httpMethod : new String[] {"PUT", "DELETE", "PATCH"}) {
      assertThat(api.request(httpMethod, "/api/openapi.yaml").statusCode()).isEqualTo(405);
    }

    Set<String> missing = new TreeSet<>(OpenApiContract.shared().described());
    missing.removeAll(OpenApiContract.shared().seen());
    missing.removeIf(answer -> answer.endsWith(" 500"));
    assertThat(missing).as("described answers no test produced").isEmpty();
  }

  @Test
  void theCheckCatchesDrift() {
    OpenApiContract contract = OpenApiContract.shared();
    // A field the description does not have.
    assertThatThrownBy(() -> contract.check("POST", "/api/info", true, "{}", 200,
        "application/json", "{\"result\":{\"nodes\":[],\"engine\":{\"up\":true,\"detail\":\"\"},"
            + "\"extra\":1}}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("does not match");
    // A status the description does not list.
    assertThatThrownBy(() -> contract.check("POST", "/api/publish", true,
        "{\"channel\":\"a\",\"data\":1}", 202, "application/json", "{\"result\":{}}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no status 202");
    // An error code the description does not list for the method.
    assertThatThrownBy(() -> contract.check("POST", "/api/subscribe", true,
        "{\"user\":\"u\",\"channel\":\"a\"}", 200, "application/json",
        "{\"error\":{\"code\":108,\"message\":\"x\"}}"))
        .isInstanceOf(AssertionError.class);
    // A request the description accepts, refused by the server; and the other way round.
    assertThatThrownBy(() -> contract.check("POST", "/api/publish", true,
        "{\"channel\":\"a\",\"data\":1}", 400, "application/json",
        "{\"error\":{\"code\":-32602,\"message\":\"x\"}}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("accepts");
    assertThatThrownBy(() -> contract.check("POST", "/api/publish", true,
        "{\"channel\":\"a\"}", 200, "application/json", "{\"result\":{}}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("refuses");
    // A path that is not described.
    assertThatThrownBy(() -> contract.check("GET", "/healthz", false, "", 200,
        "application/json", "{}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("describes no");
    // And a matching exchange passes.
    contract.check("POST", "/api/publish", true, "{\"channel\":\"a\",\"data\":1}", 200,
        "application/json", "{\"result\":{\"offset\":3,\"epoch\":\"e\"}}");
  }

  private static Set<String> methods() {
    Set<String> out = new TreeSet<>();
    OpenApiContract.shared().document().get("paths").fields().forEachRemaining(path -> {
      if (path.getKey().startsWith("/api/")
          && path.getValue().path("post").path("responses").has("200")
          && !path.getKey().contains("{")) {
        out.add(path.getKey().substring("/api/".length()));
      }
    });
    return out;
  }

  private static void awaitPresence(ApiClient api, String channel, int clients) {
    Awaitility.await("presence of " + channel)
        .atMost(Duration.ofSeconds(5))
        .until(() -> api.call("presence", json("channel", channel)).get("clients").size(),
            n -> n == clients);
  }
}
