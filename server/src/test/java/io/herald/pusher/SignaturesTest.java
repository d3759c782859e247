package io.herald.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.PusherApp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pusher's signatures, checked against the examples of Pusher's own documentation. */
class SignaturesTest {

  static final String KEY = "278d425bdf160c739803";
  static final String SECRET = "7ad3773142a6692b25b8";

  @Test
  void privateChannelAuthorization() {
    String auth = KEY + ":58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4";
    assertThat(Signatures.channelAuthorized(KEY, SECRET, "1234.1234", "private-foobar", null,
        auth)).isTrue();
    assertThat(Signatures.channelAuthorized(KEY, SECRET, "1234.1235", "private-foobar", null,
        auth)).isFalse();
    assertThat(Signatures.channelAuthorized("other", SECRET, "1234.1234", "private-foobar", null,
        auth)).isFalse();
    assertThat(Signatures.channelAuthorized(KEY, SECRET, "1234.1234", "private-foobar", null,
        "no-colon")).isFalse();
  }

  @Test
  void presenceChannelAuthorizationSignsTheChannelData() {
    String data = "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}";
    String auth = KEY + ":" + Signatures.hmac(SECRET, "1234.1234:presence-foobar:" + data);
    assertThat(Signatures.channelAuthorized(KEY, SECRET, "1234.1234", "presence-foobar", data,
        auth)).isTrue();
    assertThat(Signatures.channelAuthorized(KEY, SECRET, "1234.1234", "presence-foobar",
        data.replace("10", "11"), auth)).isFalse();
  }

  @Test
  void userSignIn() {
    String data = "{\"id\":\"42\"}";
    String auth = KEY + ":" + Signatures.hmac(SECRET, "1.2::user::" + data);
    assertThat(Signatures.userAuthorized(KEY, SECRET, "1.2", data, auth)).isTrue();
    assertThat(Signatures.userAuthorized(KEY, SECRET, "1.3", data, auth)).isFalse();
  }

  @Test
  void apiRequestAsDocumented() {
    String body = "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}";
    PusherApp app = PusherApp.of("3", KEY, SECRET);
    String md5 = Signatures.md5(body.getBytes(StandardCharsets.UTF_8));
    assertThat(md5).isEqualTo("ec365a775a4cd0599faeb73354201b6f");
    Map<String, String> query = RequestSignature.parseQuery("auth_key=" + KEY
        + "&auth_timestamp=1353088179&auth_version=1.0&body_md5=" + md5
        + "&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
    assertThat(RequestSignature.check(app, "POST", "/apps/3/events", query,
        body.getBytes(StandardCharsets.UTF_8), 1353088179)).isNull();
    assertThat(RequestSignature.check(app, "POST", "/apps/3/events", query,
        body.getBytes(StandardCharsets.UTF_8), 1353088179 + 601).message())
        .startsWith("Timestamp expired");
  }
}
