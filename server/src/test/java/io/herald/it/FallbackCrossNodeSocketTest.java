package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.api.ApiService;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import io.herald.node.Node;
import io.herald.transport.EventLoops;
import io.herald.transport.FallbackSessions;
import io.herald.transport.HeraldChannelInitializer;
import io.herald.transport.WebAssets;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import io.herald.server.HeraldServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An emulation POST that reaches another node than the one holding the session's stream is routed
 * there through the broker's control messages, so no sticky sessions are needed for
 * client-to-server messages: two nodes in one JVM whose brokers share only control messages
 * ({@link ControlLinkedBroker}), and two servers sharing the machine's Redis.
 */
class FallbackCrossNodeSocketTest extends SocketTestBase {

  private final RedisTestEngine redis = new RedisTestEngine();

  @AfterEach
  void deleteKeys() {
    redis.deleteKeys();
  }

  private static io.herald.transport.RouteTable routes(Node node, HeraldConfig config) {
    io.herald.transport.RouteTable routes = new io.herald.transport.RouteTable();
    routes.webSocket(io.herald.protocol.jsonrpc.JsonRpcProtocol.WEBSOCKET_PATH,
        new io.herald.transport.ProtocolWebSocket(node, node.protocol()));
    new io.herald.api.ApiRoutes(new ApiService(node, TestConfig.API_KEY),
        config.api().maxBodySize()).mount(routes);
    return routes;
  }

  /** One node listening on a loopback port. */
  private record Served(
      Node node, FallbackSessions sessions, URI base, ControlLinkedBroker broker) {}

  /** Two announced nodes on their own memory engines, their control messages linked. */
  private Served[] twoLinkedNodes() {
    HeraldConfig config = TestConfig.create().build();
    Engine memoryA = MemoryEngine.create(Clock.systemUTC());
    Engine memoryB = MemoryEngine.create(Clock.systemUTC());
    ControlLinkedBroker brokerA = new ControlLinkedBroker(memoryA.broker());
    ControlLinkedBroker brokerB = new ControlLinkedBroker(memoryB.broker());
    ControlLinkedBroker.link(brokerA, brokerB);
    Served a = serve(config, brokerA, memoryA);
    Served b = serve(config, brokerB, memoryB);
    a.node().announce();
    b.node().announce();
    return new Served[] {a, b};
  }

  private Served serve(HeraldConfig config, ControlLinkedBroker broker, Engine memory) {
    Clock clock = Clock.systemUTC();
    Engine engine = new Engine(broker, memory.history(), memory.presence(), memory::close);
    Node node = new Node(config, TokenVerifier.create(config.token(), clock), engine,
        io.herald.protocol.jsonrpc.JsonRpcProtocol.withDefaults(), clock, "node");
    FallbackSessions sessions = new FallbackSessions(node, config);
    EventLoopGroup group = EventLoops.group(1);
    track(() -> group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync());
    track(engine::close);
    Channel listener = new ServerBootstrap()
        .group(group)
        .channel(EventLoops.serverChannel())
        .childHandler(HeraldChannelInitializer.builder(config, routes(node, config))
            .fallback(sessions).build())
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    track(() -> listener.close().sync());
    int port = ((InetSocketAddress) listener.localAddress()).getPort();
    return new Served(node, sessions, URI.create("http://127.0.0.1:" + port), broker);
  }

  @Test
  void aPostOnAnotherNodeReachesTheSessionThroughTheControlChannel() {
    Served[] nodes = twoLinkedNodes();
    Served a = nodes[0];
    Served b = nodes[1];

    SseClient onA = track(SseClient.open(http, a.base(),
        WsClient.json("token", token("ann")), Map.of()));
    String session = onA.connectReply().at("/result/session").asText();
    assertThat(session).as("the id names no node")
        .doesNotContain(a.node().uid()).doesNotContain(b.node().uid());

    LongPollClient viaB = track(LongPollClient.open(http, b.base(),
        WsClient.json("token", token("zed"))));
    viaB.connectReply();
    viaB.session = session;
    HttpResponse<String> routed = viaB.emulate(
        WsClient.request(9, "subscribe", "{\"channel\":\"chat:x\"}"));
    assertThat(routed.statusCode()).isEqualTo(202);
    JsonNode reply = onA.await(m -> m.path("id").asInt() == 9, WsClient.TIMEOUT, "reply on A");
    assertThat(reply.has("result")).isTrue();
    assertThat(a.node().channels()).containsKey("chat:x");
    assertThat(b.node().channels()).doesNotContainKey("chat:x");

    int sentBefore = b.broker().controlSent();
    String secret = session.substring(0, session.lastIndexOf('.'));
    String tag = session.substring(session.lastIndexOf('.') + 1);
    for (String forged : new String[] {
        "A" + secret.substring(1) + "." + tag,
        secret + ".AAAAAAAAAAA",
        a.node().uid() + ".unknown",
        b.node().uid() + ".unknown",
        "00000000-0000-0000-0000-000000000000.not-a-node"}) {
      viaB.session = forged;
      assertThat(viaB.emulate("{}").statusCode()).as(forged).isEqualTo(404);
    }
    assertThat(b.broker().controlSent()).as("no message to the cluster").isEqualTo(sentBefore);
    assertThat(a.sessions().size()).isEqualTo(1);
  }

  @Test
  void aPostForASessionThatEndedOnALiveNodeIsNotFoundOnEveryNodeWithoutAMessage() {
    Served[] nodes = twoLinkedNodes();
    Served a = nodes[0];
    Served b = nodes[1];

    LongPollClient onA = track(LongPollClient.open(http, a.base(),
        WsClient.json("token", token("ann"))));
    String session = onA.connectReply().at("/result/session").asText();
    LongPollClient viaB = track(LongPollClient.open(http, b.base(),
        WsClient.json("token", token("zed"))));
    viaB.connectReply();
    viaB.session = session;
    assertThat(viaB.emulate(WsClient.request(-1, "pong", null)).statusCode())
        .as("live: routed to a").isEqualTo(202);

    a.node().disconnectUser("ann", null, new io.herald.node.protocol.Disconnect(3000, "bye"));
    Awaitility.await("the session on a ended").atMost(Duration.ofSeconds(5))
        .until(() -> a.sessions().size() == 0);
    int sentByB = b.broker().controlSent();
    int sentByA = a.broker().controlSent();
    for (int i = 0; i < 20; i++) {
      assertThat(viaB.emulate(WsClient.request(9, "subscribe", "{\"channel\":\"chat:x\"}"))
          .statusCode()).as("via b, a node that did not hold it").isEqualTo(404);
    }
    onA.session = session;
    assertThat(onA.emulate("{}").statusCode()).as("via a, its node").isEqualTo(404);
    assertThat(b.broker().controlSent()).as("no message to the cluster from b").isEqualTo(sentByB);
    assertThat(a.broker().controlSent()).as("nor from a").isEqualTo(sentByA);
    assertThat(a.node().channels()).doesNotContainKey("chat:x");
  }

  @Test
  void twoServersSharingRedisRouteAPostToTheNodeOfTheStream() {
    HeraldConfig config = TestConfig.create().build().with("engine", redis.config());
    HeraldServer a = start(config);
    HeraldServer b = start(config);
    SseClient onA = track(SseClient.open(http, FallbackSessionSocketTest.base(a),
        WsClient.json("token", token("ann")), Map.of()));
    onA.connectReply();
    FallbackClient viaB = track(LongPollClient.open(http, FallbackSessionSocketTest.base(b),
        WsClient.json("token", token("zed"))));
    viaB.connectReply();
    viaB.session = onA.session;
    // b routes only to nodes it has heard announce themselves.
    Awaitility.await("b knows a").atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> viaB.emulate(WsClient.request(-1, "pong", null)).statusCode() == 202);

    assertThat(viaB.emulate(WsClient.request(9, "subscribe", "{\"channel\":\"chat:r\"}"))
        .statusCode()).isEqualTo(202);
    assertThat(onA.await(m -> m.path("id").asInt() == 9, WsClient.TIMEOUT, "reply on a")
        .has("result")).isTrue();
    api(b).publish("chat:r", "{\"text\":\"via redis\"}");
    assertThat(onA.await(WsClient.isPublication("chat:r"), WsClient.TIMEOUT, "publication")
        .at("/params/data/text").asText()).isEqualTo("via redis");
  }
}
