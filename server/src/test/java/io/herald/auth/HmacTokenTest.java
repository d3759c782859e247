package io.herald.auth;

import static io.herald.auth.TestTokens.NOW;
import static io.herald.auth.TestTokens.NOW_S;
import static io.herald.auth.TestTokens.SECRET;
import static io.herald.auth.TestTokens.accepted;
import static io.herald.auth.TestTokens.assertInvalid;
import static io.herald.auth.TestTokens.b64;
import static io.herald.auth.TestTokens.hs256;
import static io.herald.auth.TestTokens.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import io.herald.config.TokenConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacTokenTest {

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private TokenVerifier verifier = TokenVerifier.create(TestTokens.hmacConfig(), clock);

  @AfterEach
  void close() {
    verifier.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS256", "HS384", "HS512"})
  void acceptsEveryHmacAlgorithm(String alg) {
    String token = TestTokens.hmac(JWSAlgorithm.parse(alg), SECRET,
        "{\"sub\":\"42\",\"exp\":" + (NOW_S + 60) + "}");

    CompletionStage<ConnectionToken> stage = verifier.verifyConnection(token);

    assertThat(stage.toCompletableFuture()).as("completes inline").isDone();
    ConnectionToken claims = accepted(stage);
    assertThat(claims.user()).isEqualTo("42");
    assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(claims.info()).isNull();
    assertThat(claims.channels()).isEmpty();
  }

  @Test
  void refusesWrongSecret() {
    String token = TestTokens.hmac(JWSAlgorithm.HS256, TestTokens.OTHER_SECRET, "{\"sub\":\"42\"}");

    assertInvalid(verifier.verifyConnection(token), "token signature is invalid");
  }

  @Test
  void expiredAtAndAfterExpPlusLeeway() {
    long leeway = TokenConfig.DEFAULT_LEEWAY.toSeconds();
    TokenException atExp =
        refusal(verifier.verifyConnection(hs256("{\"exp\":" + (NOW_S - leeway) + "}")));
    TokenException afterExp =
        refusal(verifier.verifyConnection(hs256("{\"exp\":" + (NOW_S - leeway - 1) + "}")));

    assertThat(atExp.reason()).isEqualTo(TokenException.Reason.EXPIRED);
    assertThat(atExp.getMessage()).isEqualTo("token has expired");
    assertThat(afterExp.reason()).isEqualTo(TokenException.Reason.EXPIRED);
    assertThat(accepted(verifier.verifyConnection(hs256("{\"exp\":" + NOW_S + "}")))
        .expiresAt()).as("within the leeway").isEqualTo(NOW);
    assertThat(accepted(verifier.verifyConnection(hs256("{\"exp\":" + (NOW_S + 1) + "}")))
        .expiresAt()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void zeroLeewayIsStrict() {
    verifier.close();
    verifier = TokenVerifier.create(TestTokens.hmacConfig().withLeeway(Duration.ZERO), clock);

    assertThat(refusal(verifier.verifyConnection(hs256("{\"exp\":" + NOW_S + "}"))).reason())
        .isEqualTo(TokenException.Reason.EXPIRED);
    assertThat(refusal(verifier.verifyConnection(hs256("{\"nbf\":" + (NOW_S + 1) + "}")))
        .reason()).isEqualTo(TokenException.Reason.EXPIRED);
  }

  @Test
  void fractionalExpIsKept() {
    ConnectionToken claims = accepted(verifier.verifyConnection(
        hs256("{\"exp\":" + NOW_S + ".25}")));

    assertThat(claims.expiresAt()).isEqualTo(NOW.plusMillis(250));
  }

  @Test
  void expiredWithBadSignatureIsInvalid() {
    String token = TestTokens.hmac(JWSAlgorithm.HS256, TestTokens.OTHER_SECRET,
        "{\"exp\":" + (NOW_S - 10) + "}");

    assertInvalid(verifier.verifyConnection(token), "signature");
  }

  @Test
  void notBeforeAndIssuedAtAheadOfTheLeewayAreExpiredNotInvalid() {
    long ahead = TokenConfig.DEFAULT_LEEWAY.toSeconds() + 1;
    TokenException nbf = refusal(verifier.verifyConnection(
        hs256("{\"nbf\":" + (NOW_S + ahead) + "}")));
    TokenException iat = refusal(verifier.verifyConnection(
        hs256("{\"iat\":" + (NOW_S + ahead) + "}")));

    assertThat(nbf.reason()).isEqualTo(TokenException.Reason.EXPIRED);
    assertThat(nbf.getMessage()).isEqualTo("token is not valid yet (nbf)");
    assertThat(iat.reason()).isEqualTo(TokenException.Reason.EXPIRED);
    assertThat(iat.getMessage()).isEqualTo("token is issued in the future (iat)");
    accepted(verifier.verifyConnection(hs256("{\"nbf\":" + NOW_S + ",\"iat\":" + NOW_S + "}")));
  }

  @Test
  void issuerClockAheadWithinTheLeewayIsAccepted() {
    long ahead = TokenConfig.DEFAULT_LEEWAY.toSeconds();
    accepted(verifier.verifyConnection(hs256("{\"nbf\":" + (NOW_S + ahead) + ",\"iat\":"
        + (NOW_S + ahead) + ",\"exp\":" + (NOW_S + ahead + 60) + "}")));
  }

  @Test
  void subscriptionTokenIsNotAConnectionToken() {
    String subscription = hs256("{\"sub\":\"42\",\"channel\":\"$secret\"}");

    assertInvalid(verifier.verifyConnection(subscription),
        "a subscription token is not a connection token");
    accepted(verifier.verifySubscription(subscription));
  }

  @Test
  void audienceAndIssuerAreCheckedWhenConfigured() {
    verifier.close();
    verifier = TokenVerifier.create(new TokenConfig(SECRET, null, null, null,
        TokenConfig.DEFAULT_JWKS_CACHE_TTL, "herald", "https://auth.example"), clock);
    String iss = "\"iss\":\"https://auth.example\"";

    accepted(verifier.verifyConnection(hs256("{\"aud\":\"herald\"," + iss + "}")));
    accepted(verifier.verifyConnection(hs256("{\"aud\":[\"api\",\"herald\"]," + iss + "}")));
    assertInvalid(verifier.verifyConnection(hs256("{\"aud\":\"api\"," + iss + "}")),
        "token audience does not match");
    assertInvalid(verifier.verifyConnection(hs256("{" + iss + "}")),
        "token audience does not match");
    assertInvalid(verifier.verifyConnection(hs256("{\"aud\":7," + iss + "}")),
        "token claim 'aud' must be a string or an array of strings");
    assertInvalid(verifier.verifyConnection(hs256("{\"aud\":\"herald\",\"iss\":\"evil\"}")),
        "token issuer does not match");
    assertInvalid(verifier.verifyConnection(hs256("{\"aud\":\"herald\"}")),
        "token issuer does not match");
  }

  @Test
  void audienceAndIssuerAreIgnoredWhenNotConfigured() {
    accepted(verifier.verifyConnection(hs256("{\"aud\":\"anything\",\"iss\":\"anyone\"}")));
  }

  @Test
  void expiredTokenForAnotherAudienceIsInvalidNotExpired() {
    verifier.close();
    verifier = TokenVerifier.create(new TokenConfig(SECRET, null, null, null,
        TokenConfig.DEFAULT_JWKS_CACHE_TTL, "herald", null), clock);

    assertInvalid(verifier.verifyConnection(
        hs256("{\"aud\":\"api\",\"exp\":" + (NOW_S - 5) + "}")), "audience");
  }

  @Test
  void missingOrEmptySubIsAnonymous() {
    assertThat(accepted(verifier.verifyConnection(hs256("{}"))).user()).isEmpty();
    assertThat(accepted(verifier.verifyConnection(hs256("{\"sub\":\"\"}"))).user()).isEmpty();
    assertThat(accepted(verifier.verifyConnection(hs256("{\"sub\":null}"))).user()).isEmpty();
  }

  @Test
  void infoIsRawJsonOfAnyValue() {
    ConnectionToken object = accepted(verifier.verifyConnection(
        hs256("{\"info\": {\"name\": \"Ann\", \"tags\": [1, 2.50, true, null], \"n\": {}}}")));
    ConnectionToken string = accepted(verifier.verifyConnection(hs256("{\"info\":\"hi\"}")));
    ConnectionToken number = accepted(verifier.verifyConnection(
        hs256("{\"info\":0.1000000000000000000001}")));
    ConnectionToken none = accepted(verifier.verifyConnection(hs256("{\"info\":null}")));

    assertThat(new String(object.info(), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"Ann\",\"tags\":[1,2.50,true,null],\"n\":{}}");
    assertThat(new String(string.info(), StandardCharsets.UTF_8)).isEqualTo("\"hi\"");
    assertThat(new String(number.info(), StandardCharsets.UTF_8))
        .isEqualTo("0.1000000000000000000001");
    assertThat(none.info()).isNull();
  }

  @Test
  void channelsClaim() {
    ConnectionToken claims = accepted(verifier.verifyConnection(
        hs256("{\"sub\":\"42\",\"channels\":[\"news\",\"tasks#42\"]}")));

    assertThat(claims.channels()).containsExactly("news", "tasks#42");
    assertThat(claims)
        .isEqualTo(new ConnectionToken("42", null, null, List.of("news", "tasks#42")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"sub\":42}",
      "{\"exp\":\"tomorrow\"}",
      "{\"nbf\":true}",
      "{\"iat\":[1]}",
      "{\"channels\":\"news\"}",
      "{\"channels\":[\"news\",1]}",
      "{\"exp\":1e999999999}",
      "{\"exp\":-1e30}"})
  void refusesClaimsOfTheWrongType(String payload) {
    TokenException e = refusal(verifier.verifyConnection(hs256(payload)));

    assertThat(e.reason()).isEqualTo(TokenException.Reason.INVALID);
    assertThat(e.getMessage()).startsWith("token claim '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[1,2]", "\"text\"", "{\"sub\":\"a\",\"sub\":\"b\"}",
      "{} {}", ""})
  void refusesPayloadsThatAreNotOneJsonObject(String payload) {
    assertInvalid(verifier.verifyConnection(hs256(payload)), "token claims are not");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "a.b.c", "a.b", "a.b.c.d", "....", "%%%.$$$.###",
      "eyJhbGciOiJIUzI1NiJ9.!!!.@@@", "eyJhbGciOiJIUzI1NiJ9..", "e30.e30.e30",
      "eyJhbGciOjF9.e30.AAAA", "bnVsbA.e30.AAAA", "W10.e30.AAAA"})
  void refusesMalformedTokens(String token) {
    assertThat(refusal(verifier.verifyConnection(token)).reason())
        .isEqualTo(TokenException.Reason.INVALID);
    assertThat(refusal(verifier.verifySubscription(token)).reason())
        .isEqualTo(TokenException.Reason.INVALID);
  }

  @Test
  void refusesNullAndHugeTokens() {
    assertInvalid(verifier.verifyConnection(null), "token is missing");
    assertInvalid(verifier.verifyConnection("a".repeat(CompactTokens.MAX_TOKEN_LENGTH + 1)),
        "token is too long");
  }

  @Test
  void refusesRandomGarbageWithTokenExceptionOnly() {
    Random random = new Random(0);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"";
    for (int i = 0; i < 2_000; i++) {
      StringBuilder token = new StringBuilder();
      if (random.nextBoolean()) {
        token.append(b64("{\"alg\":\"HS256\"}")).append('.');
      }
      int length = random.nextInt(80);
      for (int j = 0; j < length; j++) {
        token.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(refusal(verifier.verifyConnection(token.toString())).reason())
          .isEqualTo(TokenException.Reason.INVALID);
    }
  }

  @Test
  void refusesAlgNone() {
    String payload = b64("{\"sub\":\"admin\"}");
    String unsigned = b64("{\"alg\":\"none\"}") + "." + payload + ".";
    String signedHeaderSwapped = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "."
        + hs256("{\"sub\":\"admin\"}").split("\\.")[2];

    assertInvalid(verifier.verifyConnection(unsigned), "alg none");
    assertThat(refusal(verifier.verifyConnection(signedHeaderSwapped)).reason())
        .isEqualTo(TokenException.Reason.INVALID);
  }

  @Test
  void refusesUnsupportedAlgorithms() {
    String token = b64("{\"alg\":\"EdDSA\"}") + "." + b64("{}") + ".AAAA";

    assertInvalid(verifier.verifyConnection(token), "token algorithm EdDSA is not supported");
  }

  @Test
  void refusesAlgorithmWithNoConfiguredKey() {
    verifier.close();
    verifier = TokenVerifier.create(TokenConfig.none(), clock);

    assertInvalid(verifier.verifyConnection(hs256("{}")),
        "no key is configured for token algorithm HS256");
  }

  @Test
  void hs512NeedsASecretLongEnoughForIt() {
    verifier.close();
    verifier = TokenVerifier.create(TestTokens.config(SECRET.substring(0, 32), null, null, null),
        clock);

    assertInvalid(verifier.verifyConnection(TestTokens.hmac(JWSAlgorithm.HS512, SECRET, "{}")),
        "token algorithm HS512 does not match the signing key");
    accepted(verifier.verifyConnection(
        TestTokens.hmac(JWSAlgorithm.HS256, SECRET.substring(0, 32), "{}")));
  }

  @Test
  void refusesSecretsShorterThan256Bits() {
    assertThatThrownBy(() -> TokenVerifier.create(TestTokens.config("short", null, null, null),
        clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("token.hmacSecret: must be at least 32 bytes");
  }

  @Test
  void subscriptionTokenRequiresChannel() {
    SubscriptionToken claims = accepted(verifier.verifySubscription(
        hs256("{\"sub\":\"42\",\"channel\":\"$secret\",\"info\":{\"a\":1},\"exp\":"
            + (NOW_S + 30) + "}")));

    assertThat(claims.user()).isEqualTo("42");
    assertThat(claims.channel()).isEqualTo("$secret");
    assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(30));
    assertThat(new String(claims.info(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertInvalid(verifier.verifySubscription(hs256("{\"sub\":\"42\"}")),
        "token has no channel claim");
    assertInvalid(verifier.verifySubscription(hs256("{\"sub\":\"42\",\"channel\":\"\"}")),
        "token has no channel claim");
    assertInvalid(verifier.verifySubscription(hs256("{\"channel\":[\"a\"]}")),
        "token claim 'channel' must be a string");
    assertThat(refusal(verifier.verifySubscription(
        hs256("{\"channel\":\"$x\",\"exp\":" + (NOW_S - 60) + "}"))).reason())
        .isEqualTo(TokenException.Reason.EXPIRED);
  }
}
