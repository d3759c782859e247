package io.herald.protocol.jsonrpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct connect answer is exactly what the Jackson path writes, or is left to it. */
class ConnectReplyBytesTest {

  private final JsonRpcEncoder encoder = new JsonRpcEncoder();

  private static Result.Connect connect(
      String client, String user, boolean expires, long ttl, long ping, boolean pong,
      Boolean batch) {
    return new Result.Connect(client, user, expires, ttl, ping, pong, Map.of(), Map.of(), batch);
  }

  @Test
  void sameBytesAsJacksonForEveryShape() {
    String[] users = {"", "u42", "user@example.com", "a b~!@#$%^&*()_+{}[]|;'<>,.?/"};
    RequestId[] ids = {new RequestId("1"), new RequestId("9007199254740993"), new RequestId("-3"),
        new RequestId("\"abc\""), new RequestId("\"a\\\"b\""), RequestId.NULL};
    Boolean[] batches = {null, true, false};
    for (String user : users) {
      for (RequestId id : ids) {
        for (boolean expires : new boolean[] {false, true}) {
          for (long ttl : new long[] {0, 1, 86_400, Long.MAX_VALUE}) {
            for (Boolean batch : batches) {
              for (boolean pong : new boolean[] {true, false}) {
                Result.Connect c = connect(
                    "7d4c6a44-6f0e-4c9e-9a54-4c1f0b1f6e2d", user, expires, ttl, 25, pong, batch);
                byte[] direct = ConnectReplyBytes.encode(id, c);
                assertThat(direct).as(user + " " + id + " " + expires + " " + batch).isNotNull();
                assertThat(new String(direct, UTF_8))
                    .isEqualTo(new String(JsonRpcEncoder.jacksonResponse(id, c), UTF_8))
                    .isEqualTo(new String(encoder.response(id, c), UTF_8));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void anythingElseGoesToJacksonAndStillMatches() {
    RequestId one = new RequestId("1");
    Result.Connect[] others = {
      connect("c", "caf\u00e9", false, 0, 25, true, null),
      connect("c", "a\"b", false, 0, 25, true, null),
      connect("c", "a\\b", false, 0, 25, true, null),
      connect("c", "line\n", false, 0, 25, true, null),
      new Result.Connect("c", "u", false, 0, 25, true, Map.of(),
          Map.of("chat", new Result.SubscribeError(106, "limit exceeded")), null),
    };
    for (Result.Connect c : others) {
      assertThat(ConnectReplyBytes.encode(one, c)).as(c.toString()).isNull();
      assertThat(new String(encoder.response(one, c), UTF_8))
          .isEqualTo(new String(JsonRpcEncoder.jacksonResponse(one, c), UTF_8));
    }
    RequestId unicode = new RequestId("\"\u00e9\"");
    Result.Connect plain = connect("c", "u", false, 0, 25, true, null);
    assertThat(ConnectReplyBytes.encode(unicode, plain)).isNull();
    assertThat(new String(encoder.response(unicode, plain), UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"client\":\"c\",\"user\":\"u\",\"ping\":25,"
            + "\"pong\":true},\"id\":\"\u00e9\"}");
  }
}
