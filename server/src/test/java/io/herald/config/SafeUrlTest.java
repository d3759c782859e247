package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** URLs for logs: credentials in the user info, the query or the fragment never show. */
class SafeUrlTest {

  @Test
  void hidesUserInfoQueryAndFragment() {
    assertThat(SafeUrl.of("https://bob:hunter2@auth.example.com:8443/keys?api_key=s3cret#x"))
        .isEqualTo("https://***@auth.example.com:8443/keys?***");
    assertThat(SafeUrl.of("http://token@backend/herald/connect"))
        .isEqualTo("http://***@backend/herald/connect");
  }

  @Test
  void keepsAUrlWithoutCredentials() {
    assertThat(SafeUrl.of("http://127.0.0.1:3000/herald/rpc"))
        .isEqualTo("http://127.0.0.1:3000/herald/rpc");
    assertThat(SafeUrl.of((String) null)).isEqualTo("null");
  }

  @Test
  void hidesTextThatIsNotAUrlButMayHoldASecret() {
    assertThat(SafeUrl.of("http://a b@c/?k=v")).isEqualTo("***");
    assertThat(SafeUrl.of("not a url")).isEqualTo("not a url");
  }
}
