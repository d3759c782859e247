package io.herald.protocol.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.node.protocol.CancelCommand;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.protocol.Incoming;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcCommand;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code rpc}, {@code cancel} and connect {@code data} decoded; {@code stream} and rpc results encoded. */
class RpcWireTest {

  private final JsonRpcDecoder decoder = new JsonRpcDecoder(64, 100);
  private final JsonRpcEncoder encoder = new JsonRpcEncoder();

  private Incoming one(String json) {
    return decoder.decode(json.getBytes(StandardCharsets.UTF_8)).items().get(0);
  }

  @Test
  void rpcAndCancelDecode() {
    Incoming rpc = one("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"rpc\","
        + "\"params\":{\"method\":\"ask\",\"data\":{\"q\":\"why?\"}}}");
    assertThat(rpc).isInstanceOfSatisfying(Incoming.Call.class, c -> {
      RpcCommand command = (RpcCommand) c.command();
      assertThat(command.method()).isEqualTo("ask");
      assertThat(new String(command.data(), StandardCharsets.UTF_8)).isEqualTo("{\"q\":\"why?\"}");
    });
    Incoming bare = one("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"rpc\"}");
    assertThat(((Incoming.Call) bare).command()).isInstanceOfSatisfying(RpcCommand.class, c -> {
      assertThat(c.method()).isEmpty();
      assertThat(c.data()).isNull();
    });
    Incoming badMethod = one("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"rpc\","
        + "\"params\":{\"method\":5}}");
    assertThat(((Incoming.Invalid) badMethod).error().code()).isEqualTo(-32602);

    Incoming cancel = one("{\"jsonrpc\":\"2.0\",\"method\":\"cancel\",\"params\":{\"id\":\"a-1\"}}");
    assertThat(((Incoming.Call) cancel).command())
        .isEqualTo(new CancelCommand(new RequestId("\"a-1\"")));
    Incoming cancelNumber =
        one("{\"jsonrpc\":\"2.0\",\"method\":\"cancel\",\"params\":{\"id\":1.50}}");
    assertThat(((Incoming.Call) cancelNumber).command())
        .isEqualTo(new CancelCommand(new RequestId("1.50")));
    Incoming cancelBad = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"cancel\",\"params\":{}}");
    assertThat(((Incoming.Invalid) cancelBad).error().code()).isEqualTo(-32602);
  }

  @Test
  void cancelIdMatchesTheRequestIdAsTheDecoderWritesIt() {
    Incoming rpc = one("{\"jsonrpc\":\"2.0\",\"id\":\"\\u00e9t\\u00e9\",\"method\":\"rpc\"}");
    Incoming cancel = one("{\"jsonrpc\":\"2.0\",\"method\":\"cancel\","
        + "\"params\":{\"id\":\"\u00e9t\u00e9\"}}");
    assertThat(((CancelCommand) ((Incoming.Call) cancel).command()).id()).isEqualTo(rpc.id());
  }

  @Test
  void connectData() {
    Incoming connect = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"connect\","
        + "\"params\":{\"data\":{\"tab\":3}}}");
    ConnectCommand c = (ConnectCommand) ((Incoming.Call) connect).command();
    assertThat(new String(c.data(), StandardCharsets.UTF_8)).isEqualTo("{\"tab\":3}");
  }

  @Test
  void streamAndResultsEncode() {
    RequestId id = new RequestId("7");
    assertThat(encoder.stream(id, 3, "{\"t\":\"hi\"}".getBytes(StandardCharsets.UTF_8))
        .toString()).isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"method\":\"stream\",\"params\":{\"id\":7,\"seq\":3,"
                + "\"data\":{\"t\":\"hi\"}}}");
    assertThat(new String(encoder.response(id, new Result.RpcStreamEnd(4)),
        StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"chunks\":4},\"id\":7}");
    assertThat(new String(encoder.response(id, new Result.RpcData("[1]".getBytes(
        StandardCharsets.UTF_8))), StandardCharsets.UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{\"data\":[1]},\"id\":7}");
    assertThat(new String(encoder.response(id, new Result.RpcData(null)), StandardCharsets.UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":7}");
  }
}
