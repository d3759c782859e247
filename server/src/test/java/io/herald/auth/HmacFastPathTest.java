package io.herald.auth;

import static io.herald.auth.TestTokens.SECRET;
import static io.herald.auth.TestTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacFastPathTest {

  private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);

  private static HmacFastPath path(byte[] key, boolean keySet) throws JOSEException {
    return new HmacFastPath(key, new MACVerifier(key), keySet);
  }

  /** HS256 over whatever header is given, computed here (the JOSE library refuses odd ones). */
  private static String signed(String header, String payload) throws Exception {
    String input = b64(header) + "." + b64(payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return input + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void acceptsTheCommonTokenAndReturnsItsPayload() throws Exception {
    HmacFastPath fast = path(KEY, false);
    for (String alg : new String[] {"HS256", "HS384", "HS512"}) {
      String token = TestTokens.hmac(JWSAlgorithm.parse(alg), SECRET, "{\"sub\":\"42\"}");
      assertThat(fast.verifiedPayload(token)).asString(StandardCharsets.UTF_8).isEqualTo("{\"sub\":\"42\"}");
    }
    assertThat(fast.verifiedPayload(signed("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k\"}", "{}")))
        .isNotNull();
  }

  @Test
  void leavesEverythingElseToTheFullPath() throws Exception {
    HmacFastPath fast = path(KEY, false);
    String good = TestTokens.hs256("{\"sub\":\"42\"}");
    String[] parts = good.split("\\.");
    assertThat(fast.verifiedPayload(TestTokens.hmac(JWSAlgorithm.HS256, TestTokens.OTHER_SECRET, "{}"))).isNull();
    assertThat(fast.verifiedPayload(parts[0] + "." + parts[1] + ".")).isNull();
    assertThat(fast.verifiedPayload(parts[0] + "." + b64("{\"sub\":\"admin\"}") + "." + parts[2])).isNull();
    assertThat(fast.verifiedPayload(good + ".x")).isNull();
    assertThat(fast.verifiedPayload(parts[0] + "." + parts[1] + "." + parts[2] + "!")).isNull();
    assertThat(fast.verifiedPayload(signed("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", "{}"))).isNull();
    assertThat(fast.verifiedPayload(signed("{\"alg\":\"HS256\",\"b64\":false}", "{}"))).isNull();
    assertThat(fast.verifiedPayload(signed("{\"alg\":\"HS256\",\"alg\":\"HS256\"}", "{}"))).isNull();
    assertThat(fast.verifiedPayload(signed("{\"alg\":\"HS256\",\"kid\":\"k\"}", "{}"))).isNotNull();
    assertThat(path(KEY, true).verifiedPayload(signed("{\"alg\":\"HS256\",\"kid\":\"k\"}", "{}"))).isNull();
    assertThat(path(SECRET.substring(0, 32).getBytes(StandardCharsets.UTF_8), false)
        .verifiedPayload(TestTokens.hmac(JWSAlgorithm.HS512, SECRET, "{}"))).as("HS512 needs 64 bytes").isNull();
    assertThat(fast.verifiedPayload(null)).isNull();
    assertThat(fast.verifiedPayload("")).isNull();
  }

  @Test
  void whatItAcceptsTheFullPathAccepts() throws Exception {
    HmacFastPath fast = path(KEY, false);
    MACVerifier full = new MACVerifier(KEY);
    Random random = new Random(0);
    String good = TestTokens.hs256("{\"sub\":\"42\",\"exp\":1999999999}");
    int accepted = 0;
    for (int i = 0; i < 5_000; i++) {
      char[] t = good.toCharArray();
      for (int k = random.nextInt(3); k > 0; k--) {
        t[random.nextInt(t.length)] = "AZaz09-_.=+/".charAt(random.nextInt(12));
      }
      String token = new String(t);
      if (fast.verifiedPayload(token) != null) {
        accepted++;
        JWSObject jws = JWSObject.parse(token);
        assertThat(jws.verify(full)).as(token).isTrue();
      }
    }
    assertThat(accepted).isPositive();
  }
}
