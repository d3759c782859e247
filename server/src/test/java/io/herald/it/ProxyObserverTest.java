package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.RpcError;
import io.herald.node.proxy.Caller;
import io.herald.node.proxy.ConnectRequest;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import io.herald.node.proxy.RpcRequest;
import io.herald.proxy.HttpBackendProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@link HttpBackendProxy} reports every finished call, with its kind and outcome, for metrics. */
class ProxyObserverTest extends ProxyTestBase {

  private final List<String> reported = new CopyOnWriteArrayList<>();

  @Test
  void everyCallIsReportedOnceWithItsOutcome() throws Exception {
    HttpBackendProxy proxy = new HttpBackendProxy(proxy(Duration.ofSeconds(5)),
        (kind, nanos, outcome) -> {
          assertThat(nanos).isPositive();
          reported.add(kind + ":" + outcome);
        });
    track(proxy::close);
    ExecutorService loop = Executors.newSingleThreadExecutor();
    track(loop::shutdownNow);
    Caller caller = new Caller("c1", "ann", "websocket", Handshake.NONE);

    proxy.connect(new ConnectRequest(caller, null, null, null, null)).toCompletableFuture().join();
    backend.connect = body -> TestBackend.Answer.json("{\"error\":{\"code\":4001,\"message\":\"x\"}}");
    proxy.connect(new ConnectRequest(caller, null, null, null, null)).toCompletableFuture().join();
    rpc(proxy, loop, caller, "{\"count\":3}", "ndjson");
    rpc(proxy, loop, caller, null, "fail");
    rpc(proxy, loop, caller, null, "status");
    RpcCall endless = proxy.rpc(new RpcRequest(caller, "forever",
        "{\"delayMs\":20}".getBytes(StandardCharsets.UTF_8), null), loop, new Recorder());
    Awaitility.await().until(() -> backend.streamsStarted() == 2);
    endless.cancel();

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reported.size() == 6);
    assertThat(reported).containsExactlyInAnyOrder("connect:ok", "connect:error", "rpc:ok",
        "rpc:error", "rpc:failed", "rpc:cancelled");
  }

  private void rpc(HttpBackendProxy proxy, Executor loop, Caller caller, String data,
      String method) {
    Recorder recorder = new Recorder();
    proxy.rpc(new RpcRequest(caller, method,
        data == null ? null : data.getBytes(StandardCharsets.UTF_8), null), loop, recorder);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> recorder.ended);
  }

  private static final class Recorder implements RpcListener {
    volatile boolean ended;

    @Override
    public void answer(byte[] data) {
      ended = true;
    }

    @Override
    public void chunk(byte[] json) {}

    @Override
    public void end() {
      ended = true;
    }

    @Override
    public void failed(RpcError error) {
      ended = true;
    }
  }
}
