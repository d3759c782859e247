package io.herald.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Mints HS256 tokens that {@link TokenVerifier} accepts when configured with the same {@code
 * token.hmacSecret}: for the {@code herald token} CLI command, the dev mode's sample token, and
 * tests.
 *
 * <p>Every token has {@code iat} (now, whole seconds, from the injected clock); {@code sub} when
 * the user is non-empty; {@code exp} ({@code iat + ttl}) when a ttl is given. Thread-safe.
 */
public final class TokenMinter {

  private static final JWSHeader HEADER =
      new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

  private final JWSSigner signer;
  private final Clock clock;

  /**
   * Creates a minter.
   *
   * @param hmacSecret the shared secret; at least 32 bytes (256 bits) of UTF-8
   * @param clock the time source for {@code iat} and {@code exp}
   * @throws IllegalArgumentException naming {@code token.hmacSecret} when the secret is too short
   */
  public TokenMinter(String hmacSecret, Clock clock) {
    Objects.requireNonNull(hmacSecret, "hmacSecret");
    this.clock = Objects.requireNonNull(clock, "clock");
    byte[] secret = StaticKeys.secretBytes(hmacSecret);
    try {
      this.signer = new MACSigner(secret);
    } catch (KeyLengthException e) {
      throw new IllegalArgumentException(StaticKeys.shortSecretMessage(secret.length), e);
    }
  }

  /**
   * Mints a connection token.
   *
   * @param user the {@code sub} claim; null or empty for an anonymous token (no {@code sub})
   * @param ttl lifetime from now; null for a token without {@code exp}; zero or negative mints
   *     a token that is already expired
   * @param infoJson the {@code info} claim as JSON text (any JSON value); null for none
   * @param channels the {@code channels} claim; null or empty for none
   * @return the compact token
   * @throws IllegalArgumentException when {@code infoJson} is not valid JSON
   */
  public String connectionToken(String user, Duration ttl, String infoJson, List<String> channels) {
    ObjectNode claims = baseClaims(user, ttl);
    if (infoJson != null) {
      claims.set("info", parseInfo(infoJson));
    }
    if (channels != null && !channels.isEmpty()) {
      ArrayNode array = claims.putArray("channels");
      channels.forEach(channel -> array.add(Objects.requireNonNull(channel, "channel")));
    }
    return sign(claims);
  }

  /**
   * Mints a subscription token for one channel.
   *
   * @param user the {@code sub} claim; null or empty for none
   * @param channel the {@code channel} claim; must not be null or empty
   * @param ttl lifetime from now; null for a token without {@code exp}
   * @return the compact token
   * @throws IllegalArgumentException when {@code channel} is null or empty
   */
  public String subscriptionToken(String user, String channel, Duration ttl) {
    if (channel == null || channel.isEmpty()) {
      throw new IllegalArgumentException("channel must not be empty");
    }
    ObjectNode claims = baseClaims(user, ttl);
    claims.put("channel", channel);
    return sign(claims);
  }

  private ObjectNode baseClaims(String user, Duration ttl) {
    ObjectNode claims = ClaimsReader.JSON.createObjectNode();
    if (user != null && !user.isEmpty()) {
      claims.put("sub", user);
    }
    Instant now = clock.instant();
    claims.put("iat", now.getEpochSecond());
    if (ttl != null) {
      claims.put("exp", now.plus(ttl).getEpochSecond());
    }
    return claims;
  }

  private static JsonNode parseInfo(String infoJson) {
    JsonNode info;
    try {
      info = ClaimsReader.JSON.readTree(infoJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("info is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (info == null || info.isMissingNode()) {
      throw new IllegalArgumentException("info is not valid JSON: it is empty");
    }
    return info;
  }

  private String sign(ObjectNode claims) {
    try {
      byte[] payload = ClaimsReader.JSON.writeValueAsBytes(claims);
      JWSObject jws = new JWSObject(HEADER, new Payload(payload));
      jws.sign(signer);
      return jws.serialize();
    } catch (JsonProcessingException | JOSEException e) {
      throw new IllegalStateException("could not sign a token", e);
    }
  }
}
