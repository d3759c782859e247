package io.herald.it;

import static io.herald.it.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import io.herald.config.HeraldConfig;
import io.herald.config.TokenConfig;
import io.herald.server.HeraldServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Token kinds, clock skew and key-set outages as a client sees them on the wire: which refusal
 * (error code, close code, reconnect flag) each case gets.
 */
class TokenKindsSocketTest extends SocketTestBase {

  @Test
  void subscriptionTokenIsRefusedAsAConnectionToken() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = ws(server);
    String subscription = tokens.subscriptionToken("u1", "$secret:room", null);

    JsonNode error = client.call("connect", json("token", subscription)).get("error");

    assertThat(error.path("code").asInt()).isEqualTo(101);
    assertThat(error.path("message").asText()).contains("subscription token");
    assertThat(client.awaitClose().code()).isEqualTo(3500);
  }

  @Test
  void refreshWithASubscriptionTokenOfTheSameUserIsRefused() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = connected(server, "u1");

    String subscription = tokens.subscriptionToken("u1", "$secret:room", null);
    assertThat(client.errorCode("refresh", json("token", subscription))).isEqualTo(101);
    assertThat(client.awaitClose().code()).isEqualTo(3500);
  }

  @Test
  void issuerClockAheadWithinTheLeewayIsAccepted() {
    HeraldServer server = start(TestConfig.create());
    long ahead = Instant.now().getEpochSecond() + 3;
    String token = hs256("{\"sub\":\"u1\",\"iat\":" + ahead + ",\"nbf\":" + ahead + "}");

    assertThat(ws(server).ok("connect", json("token", token)).path("user").asText())
        .isEqualTo("u1");
  }

  @Test
  void tokenNotValidYetIsExpiredReconnectNotInvalid() {
    HeraldServer server = start(TestConfig.create());
    WsClient client = ws(server);
    long ahead = Instant.now().getEpochSecond() + 120;

    assertThat(client.errorCode("connect", json("token", hs256("{\"sub\":\"u1\",\"nbf\":" + ahead
        + "}")))).isEqualTo(109);
    JsonNode disconnect = client.awaitMethod("disconnect").get("params");
    assertThat(disconnect.path("code").asInt()).isEqualTo(3005);
    assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
    assertThat(client.awaitClose().code()).isEqualTo(3005);
  }

  @Test
  void configuredLeewayOfZeroRefusesATokenIssuedInTheFuture() {
    HeraldConfig config = TestConfig.create().build();
    HeraldServer server = start(config.with("token", config.token().withLeeway(Duration.ZERO)));
    long ahead = Instant.now().getEpochSecond() + 3;
    WsClient client = ws(server);

    assertThat(client.errorCode("connect", json("token", hs256("{\"sub\":\"u1\",\"iat\":" + ahead
        + "}")))).isEqualTo(109);
    assertThat(client.awaitClose().code()).isEqualTo(3005);
  }

  @Test
  void unreachableKeySetIsNotAvailableAndReconnectable() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    HeraldConfig config = TestConfig.create().build();
    TokenConfig token = new TokenConfig(TestConfig.SECRET, null, null,
        "http://127.0.0.1:" + deadPort + "/jwks", TokenConfig.DEFAULT_JWKS_CACHE_TTL, null, null);
    HeraldServer server = start(config.with("token", token));
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String signed = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa.generateKeyPair().getPrivate()),
        "k1", "{\"sub\":\"u1\"}");
    WsClient client = ws(server);

    assertThat(client.errorCode("connect", json("token", signed))).isEqualTo(108);
    JsonNode disconnect = client.awaitMethod("disconnect").get("params");
    assertThat(disconnect.path("code").asInt()).isEqualTo(3004);
    assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
    assertThat(client.awaitClose().code()).isEqualTo(3004);
  }

  private static String hs256(String claims) {
    try {
      return sign(JWSAlgorithm.HS256,
          new MACSigner(TestConfig.SECRET.getBytes(StandardCharsets.UTF_8)), null, claims);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String sign(JWSAlgorithm alg, JWSSigner signer, String kid, String claims) {
    try {
      JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(kid).build(),
          new Payload(claims.getBytes(StandardCharsets.UTF_8)));
      jws.sign(signer);
      return jws.serialize();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
