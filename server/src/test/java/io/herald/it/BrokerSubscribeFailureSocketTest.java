package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.engine.Broker;
import io.herald.engine.Engine;
import io.herald.engine.ForwardingBroker;
import io.herald.engine.memory.MemoryEngine;
import io.herald.node.Node;
import io.herald.protocol.jsonrpc.JsonRpcProtocol;
import io.herald.transport.EventLoops;
import io.herald.transport.HeraldChannelInitializer;
import io.herald.transport.ProtocolWebSocket;
import io.herald.transport.RouteTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A broker subscribe that fails is never silent: every subscriber waiting on it gets 108 and the
 * channel leaves the hub; and no subscriber is answered before the broker confirmed the channel.
 */
class BrokerSubscribeFailureSocketTest extends SocketTestBase {

  /** A memory broker whose subscribes the test completes by hand. */
  private static final class HeldBroker extends ForwardingBroker {
    private final Broker local;
    volatile CompletableFuture<Void> next = new CompletableFuture<>();

    HeldBroker(Broker local) {
      this.local = local;
    }

    @Override
    protected Broker delegate() {
      return local;
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
      return next.thenCompose(v -> local.subscribe(channel));
    }
  }

  private record Served(Node node, URI ws) {}

  private Served serve(HeldBroker broker, Engine memory) {
    HeraldConfig config = TestConfig.create().build();
    Clock clock = Clock.systemUTC();
    Engine engine = new Engine(broker, memory.history(), memory.presence(), memory::close);
    Node node = new Node(config, TokenVerifier.create(config.token(), clock), engine,
        JsonRpcProtocol.withDefaults(), clock, "node");
    RouteTable routes = new RouteTable();
    routes.webSocket(JsonRpcProtocol.WEBSOCKET_PATH, new ProtocolWebSocket(node, node.protocol()));
    EventLoopGroup group = EventLoops.group(1);
    track(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync());
    track(engine::close);
    Channel listener = new ServerBootstrap().group(group).channel(EventLoops.serverChannel())
        .childHandler(HeraldChannelInitializer.builder(config, routes).build())
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    track(() -> listener.close().sync());
    int port = ((InetSocketAddress) listener.localAddress()).getPort();
    return new Served(node, URI.create("ws://127.0.0.1:" + port + WS_PATH));
  }

  private WsClient connectedTo(Served served, String user) {
    WsClient client = track(WsClient.open(http, served.ws()));
    client.ok("connect", WsClient.json("token", token(user)));
    return client;
  }

  @Test
  void everyWaitingSubscriberGets108AndTheChannelLeavesTheHub() {
    Engine memory = MemoryEngine.create(Clock.systemUTC());
    HeldBroker broker = new HeldBroker(memory.broker());
    Served served = serve(broker, memory);
    WsClient first = connectedTo(served, "ann");
    WsClient second = connectedTo(served, "bob");

    long a = first.send("subscribe", WsClient.json("channel", "chat:x"));
    first.assertNone(m -> m.path("id").asLong() == a, Duration.ofMillis(200), "an early answer");
    long b = second.send("subscribe", WsClient.json("channel", "chat:x"));
    second.assertNone(m -> m.path("id").asLong() == b, Duration.ofMillis(300),
        "an answer before the broker confirmed");

    broker.next.completeExceptionally(new IllegalStateException("broker down"));

    JsonNode failedA = first.awaitResponse(a);
    JsonNode failedB = second.awaitResponse(b);
    assertThat(failedA.at("/error/code").asInt()).isEqualTo(108);
    assertThat(failedB.at("/error/code").asInt()).isEqualTo(108);
    assertThat(served.node().channels()).doesNotContainKey("chat:x");

    broker.next = CompletableFuture.completedFuture(null);
    first.ok("subscribe", WsClient.json("channel", "chat:x"));
    assertThat(served.node().channels()).containsKey("chat:x");
  }
}
