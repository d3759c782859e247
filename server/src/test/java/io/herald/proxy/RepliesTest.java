package io.herald.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcException;
import io.herald.node.proxy.ConnectReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The backend's JSON answers, well-formed and not. */
class RepliesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int code(Runnable r) {
    try {
      r.run();
    } catch (RpcException e) {
      return e.error().code();
    }
    throw new AssertionError("no error");
  }

  @Test
  void connectAnswers() {
    ConnectReply accepted = Replies.connect(b(
        "{\"result\":{\"user\":\"42\",\"info\":{\"n\":1},\"channels\":[\"a\"],\"expireAt\":2000000000}}"));
    assertThat(accepted).isInstanceOfSatisfying(ConnectReply.Accepted.class, a -> {
      assertThat(a.user()).isEqualTo("42");
      assertThat(new String(a.info(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
      assertThat(a.channels()).containsExactly("a");
      assertThat(a.expireAt()).isEqualTo(Instant.ofEpochSecond(2000000000));
    });
    assertThat(Replies.connect(b("{\"result\":{}}")))
        .isEqualTo(new ConnectReply.Accepted("", null, java.util.List.of(), null));
    assertThat(Replies.connect(b("{\"error\":{\"code\":4001,\"message\":\"no\"}}")))
        .isInstanceOfSatisfying(ConnectReply.Refused.class,
            r -> assertThat(r.error().code()).isEqualTo(4001));
    assertThat(Replies.connect(b("{\"disconnect\":{\"code\":4500,\"reason\":\"bye\"}}")))
        .isEqualTo(new ConnectReply.Disconnected(new Disconnect(4500, "bye")));
  }

  @Test
  void malformedAnswersAre116() {
    assertThat(code(() -> Replies.connect(b("nope")))).isEqualTo(116);
    assertThat(code(() -> Replies.connect(b("[]")))).isEqualTo(116);
    assertThat(code(() -> Replies.connect(b("{}")))).isEqualTo(116);
    assertThat(code(() -> Replies.connect(b("{\"result\":[]}")))).isEqualTo(116);
    assertThat(code(() -> Replies.connect(b("{\"result\":{\"channels\":\"a\"}}")))).isEqualTo(116);
    assertThat(code(() -> Replies.connect(b("{\"result\":{\"expireAt\":\"soon\"}}"))))
        .isEqualTo(116);
    assertThat(code(() -> Replies.connect(b("{\"disconnect\":{\"code\":1000}}")))).isEqualTo(116);
    assertThat(code(() -> Replies.connect(b("{\"error\":{\"code\":\"x\"}}")))).isEqualTo(116);
    assertThat(code(() -> Replies.data(b("{\"result\":{}} trailing")))).isEqualTo(116);
  }

  @Test
  void dataAndInfo() {
    assertThat(new String(Replies.data(b("{\"result\":{\"data\":[1,\"x\"]}}")),
        StandardCharsets.UTF_8)).isEqualTo("[1,\"x\"]");
    assertThat(Replies.data(b("{\"result\":{}}"))).isNull();
    assertThat(Replies.info(b("{\"result\":{}}"))).isNull();
    assertThatThrownBy(() -> Replies.data(b("{\"error\":{\"code\":4003,\"message\":\"m\"}}")))
        .isInstanceOfSatisfying(RpcException.class,
            e -> assertThat(e.error().message()).isEqualTo("m"));
  }
}
