package io.herald.auth;

import static io.herald.auth.TestTokens.NOW;
import static io.herald.auth.TestTokens.NOW_S;
import static io.herald.auth.TestTokens.accepted;
import static io.herald.auth.TestTokens.assertInvalid;
import static io.herald.auth.TestTokens.config;
import static io.herald.auth.TestTokens.writePem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemKeyTokenTest {

  private static final String CLAIMS = "{\"sub\":\"7\",\"exp\":" + (NOW_S + 60) + "}";

  private static KeyPair rsa;
  private static KeyPair otherRsa;
  private static KeyPair p256;
  private static KeyPair otherP256;
  private static KeyPair p384;

  @TempDir Path dir;

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @BeforeAll
  static void generateKeys() {
    rsa = TestTokens.rsaKeyPair();
    otherRsa = TestTokens.rsaKeyPair();
    p256 = TestTokens.ecKeyPair("secp256r1");
    otherP256 = TestTokens.ecKeyPair("secp256r1");
    p384 = TestTokens.ecKeyPair("secp384r1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS512"})
  void acceptsRsaAlgorithms(String alg) throws IOException {
    TokenVerifier verifier = rsaVerifier();

    String token = TestTokens.sign(JWSAlgorithm.parse(alg), new RSASSASigner(rsa.getPrivate()),
        null, CLAIMS);

    ConnectionToken claims = accepted(verifier.verifyConnection(token));

    assertThat(claims.user()).isEqualTo("7");
    assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void refusesRsaTokenSignedWithAnotherKey() throws IOException {
    String token = TestTokens.sign(JWSAlgorithm.RS256, new RSASSASigner(otherRsa.getPrivate()),
        null, CLAIMS);

    assertInvalid(rsaVerifier().verifyConnection(token), "token signature is invalid");
  }

  @Test
  void acceptsEs256AndEs384WithMatchingCurves() throws Exception {
    TokenVerifier v256 = ecVerifier(p256);
    TokenVerifier v384 = ecVerifier(p384);

    accepted(v256.verifyConnection(es(JWSAlgorithm.ES256, p256)));
    accepted(v384.verifyConnection(es(JWSAlgorithm.ES384, p384)));
    assertInvalid(v256.verifyConnection(es(JWSAlgorithm.ES384, p384)),
        "token algorithm ES384 does not match the signing key");
  }

  @Test
  void refusesEcTokenSignedWithAnotherKey() throws Exception {
    assertInvalid(ecVerifier(p256).verifyConnection(es(JWSAlgorithm.ES256, otherP256)),
        "token signature is invalid");
  }

  @Test
  void refusesAlgorithmFamiliesWithoutAConfiguredKey() throws Exception {
    assertInvalid(ecVerifier(p256).verifyConnection(TestTokens.sign(JWSAlgorithm.RS256,
        new RSASSASigner(rsa.getPrivate()), null, CLAIMS)), "no key is configured");
    assertInvalid(rsaVerifier().verifyConnection(es(JWSAlgorithm.ES256, p256)),
        "no key is configured");
  }

  @Test
  void refusesHmacTokenKeyedWithThePublicKeyFile() throws Exception {
    Path pem = writePem(dir.resolve("rsa.pem"), "PUBLIC KEY", rsa.getPublic());
    String token = TestTokens.sign(JWSAlgorithm.HS256, new MACSigner(Files.readAllBytes(pem)),
        null, CLAIMS);

    assertInvalid(rsaVerifier().verifyConnection(token), "no key is configured");
  }

  @Test
  void readsPemWithSurroundingText() throws Exception {
    Path pem = writePem(dir.resolve("ec.pem"), "PUBLIC KEY", p256.getPublic());
    Files.writeString(pem, "issuer: auth service\n" + Files.readString(pem) + "trailing\n");
    TokenVerifier verifier = TokenVerifier.create(config(null, null, pem.toString(), null), clock);

    accepted(verifier.verifyConnection(es(JWSAlgorithm.ES256, p256)));
  }

  @Test
  void missingFileNamesTheConfigKey() {
    String missing = dir.resolve("nope.pem").toString();

    assertThatThrownBy(() -> TokenVerifier.create(config(null, missing, null, null), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token.rsaPublicKey: file not found: " + missing);
    assertThatThrownBy(() -> TokenVerifier.create(config(null, null, missing, null), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token.ecdsaPublicKey: file not found: " + missing);
  }

  @Test
  void nonKeyFilesNameTheConfigKey() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a key\n");
    Path garbled = Files.writeString(dir.resolve("garbled.pem"),
        "-----BEGIN PUBLIC KEY-----\n***\n-----END PUBLIC KEY-----\n");
    Path ecPem = writePem(dir.resolve("ec.pem"), "PUBLIC KEY", p256.getPublic());
    Path rsaPem = writePem(dir.resolve("rsa.pem"), "PUBLIC KEY", rsa.getPublic());
    Path privatePem = writePem(dir.resolve("private.pem"), "PRIVATE KEY", rsa.getPrivate());

    assertCreateFails(config(null, text.toString(), null, null),
        "token.rsaPublicKey: " + text + " is not a PEM file");
    assertCreateFails(config(null, garbled.toString(), null, null),
        "token.rsaPublicKey: " + garbled);
    assertCreateFails(config(null, ecPem.toString(), null, null),
        "token.rsaPublicKey: " + ecPem + " does not contain an RSA public key");
    assertCreateFails(config(null, null, rsaPem.toString(), null),
        "token.ecdsaPublicKey: " + rsaPem + " does not contain an EC public key");
    assertCreateFails(config(null, privatePem.toString(), null, null),
        "token.rsaPublicKey: " + privatePem + " holds a private key");
    assertCreateFails(config(null, dir.toString(), null, null), "token.rsaPublicKey: cannot read");
  }

  private void assertCreateFails(io.herald.config.TokenConfig config, String messageStart) {
    assertThatThrownBy(() -> TokenVerifier.create(config, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(messageStart);
  }

  private TokenVerifier rsaVerifier() throws IOException {
    Path pem = writePem(dir.resolve("rsa.pem"), "PUBLIC KEY", rsa.getPublic());
    return TokenVerifier.create(config(null, pem.toString(), null, null), clock);
  }

  private TokenVerifier ecVerifier(KeyPair pair) throws IOException {
    Path pem = writePem(Files.createTempFile(dir, "ec", ".pem"), "PUBLIC KEY", pair.getPublic());
    return TokenVerifier.create(config(null, null, pem.toString(), null), clock);
  }

  private static String es(JWSAlgorithm alg, KeyPair pair) throws JOSEException {
    return TestTokens.sign(alg, new ECDSASigner((ECPrivateKey) pair.getPrivate()), null, CLAIMS);
  }
}
