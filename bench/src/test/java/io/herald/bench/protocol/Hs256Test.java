package io.herald.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Hs256Test {

  @Test
  void signsTheRfcStyleExampleExactly() {
    // The well-known HS256 example token (jwt.io), secret "your-256-bit-secret".
    String token =
        new Hs256("your-256-bit-secret")
            .sign(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}");
    assertThat(token)
        .isEqualTo(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
  }

  @Test
  void connectionTokenCarriesSubAndFutureExp() {
    String token = new Hs256("0123456789abcdef0123456789abcdef").connectionToken("u7", 3600);
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(claims).startsWith("{\"sub\":\"u7\",\"exp\":");
    long exp = Long.parseLong(claims.replaceAll("\\D+", " ").trim().split(" ")[1]);
    assertThat(exp).isGreaterThan(System.currentTimeMillis() / 1000 + 3500);
  }
}
