package io.herald.auth;

import static io.herald.auth.TestTokens.NOW;
import static io.herald.auth.TestTokens.SECRET;
import static io.herald.auth.TestTokens.accepted;
import static io.herald.auth.TestTokens.assertInvalid;
import static io.herald.auth.TestTokens.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.TokenConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

  private final MutableClock clock = new MutableClock(NOW);
  private final TokenMinter minter = new TokenMinter(SECRET, clock);
  private final TokenVerifier verifier = TokenVerifier.create(TestTokens.hmacConfig(), clock);

  @AfterEach
  void close() {
    verifier.close();
  }

  @Test
  void connectionTokenRoundTrips() {
    String token = minter.connectionToken("42", Duration.ofMinutes(10),
        "{\"name\": \"Ann\", \"admin\": false}", List.of("news", "tasks#42"));

    ConnectionToken claims = accepted(verifier.verifyConnection(token));

    assertThat(claims.user()).isEqualTo("42");
    assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(new String(claims.info(), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"Ann\",\"admin\":false}");
    assertThat(claims.channels()).containsExactly("news", "tasks#42");
  }

  @Test
  void anonymousTokenWithoutExpiry() {
    ConnectionToken claims =
        accepted(verifier.verifyConnection(minter.connectionToken(null, null, null, null)));

    assertThat(claims).isEqualTo(new ConnectionToken("", null, null, List.of()));
  }

  @Test
  void mintedTokenExpiresOnTheClock() {
    String token = minter.connectionToken("42", Duration.ofSeconds(30), null, List.of());

    clock.advance(Duration.ofSeconds(29).plus(TokenConfig.DEFAULT_LEEWAY));
    accepted(verifier.verifyConnection(token));
    clock.advance(Duration.ofSeconds(1));
    assertThat(refusal(verifier.verifyConnection(token)).reason())
        .isEqualTo(TokenException.Reason.EXPIRED);
  }

  @Test
  void mintedTokenIsNotValidBeforeItWasIssued() {
    String token = minter.connectionToken("42", null, null, null);

    clock.advance(Duration.ofSeconds(-1).minus(TokenConfig.DEFAULT_LEEWAY));
    TokenException early = refusal(verifier.verifyConnection(token));
    assertThat(early.reason()).isEqualTo(TokenException.Reason.EXPIRED);
    assertThat(early.getMessage()).contains("(iat)");
  }

  @Test
  void refusesInvalidInfoJson() {
    assertThatThrownBy(() -> minter.connectionToken("42", null, "{broken", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("info is not valid JSON");
    assertThatThrownBy(() -> minter.connectionToken("42", null, "", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minter.connectionToken("42", null, "{} []", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void subscriptionTokenRoundTrips() {
    String token = minter.subscriptionToken("42", "$room:secret", Duration.ofHours(1));

    SubscriptionToken claims = accepted(verifier.verifySubscription(token));

    assertThat(claims).isEqualTo(new SubscriptionToken("42", "$room:secret",
        NOW.plus(Duration.ofHours(1)), null));
  }

  @Test
  void connectionTokenIsNotASubscriptionToken() {
    String token = minter.connectionToken("42", null, null, null);

    assertInvalid(verifier.verifySubscription(token), "token has no channel claim");
  }

  @Test
  void subscriptionTokenNeedsAChannel() {
    assertThatThrownBy(() -> minter.subscriptionToken("42", "", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minter.subscriptionToken("42", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesShortSecret() {
    assertThatThrownBy(() -> new TokenMinter("too short", clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("token.hmacSecret:");
  }

  @Test
  void tokenFromAnotherSecretIsRefused() {
    String token = new TokenMinter(TestTokens.OTHER_SECRET, clock).connectionToken("42", null,
        null, null);

    assertInvalid(verifier.verifyConnection(token), "token signature is invalid");
  }

  @Test
  void recordsCompareInfoByContent() {
    byte[] info = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    ConnectionToken a = new ConnectionToken("u", NOW, info, List.of());
    ConnectionToken b = new ConnectionToken("u", NOW, info.clone(), List.of());

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).contains("info={\"a\":1}");
  }
}
