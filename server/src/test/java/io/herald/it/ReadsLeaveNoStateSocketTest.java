package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.api.ApiRoutes;
import io.herald.api.ApiService;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import io.herald.engine.memory.MemoryHistoryStore;
import io.herald.engine.memory.MemoryPresenceStore;
import io.herald.engine.redis.RedisTests;
import io.herald.node.Node;
import io.herald.protocol.jsonrpc.JsonRpcProtocol;
import io.herald.server.HeraldServer;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * subscribe, history and presence on channels nobody published to leave nothing lasting in the
 * engine, Redis and memory alike: a client looping over made-up channel names leaves at most
 * stream meta that is gone after the namespace's {@code readMetaTtl}. A subscriber that came
 * before the first publication gets it; one that stayed longer than {@code readMetaTtl} is told
 * (unsubscribe 2500) and gets what follows after resubscribing.
 */
class ReadsLeaveNoStateSocketTest extends SocketTestBase {

  private static final int CHANNELS = 200;
  private static final Duration SHORT_READ_META_TTL = Duration.ofSeconds(1);

  private final RedisTestEngine redis = new RedisTestEngine();

  @AfterEach
  void deleteKeys() {
    redis.deleteKeys();
  }

  private static NamespaceConfig namespace() {
    return NamespaceConfig.defaults("h").with("historySize", 10)
        .with("historyTtl", Duration.ofMinutes(5))
        .with("presence", true)
        .with("allowSubscribeForClient", true).with("allowPublishForClient", true)
        .with("allowHistoryForClient", true).with("allowPresenceForClient", true);
  }

  private static TestConfig config(NamespaceConfig ns) {
    return TestConfig.create().client("rateLimit", 0).namespace(ns);
  }

  private HeraldServer redisServer(NamespaceConfig ns) {
    return start(config(ns).engine(redis.config()));
  }

  /** Every read there is, on {@value #CHANNELS} made-up channel names. */
  private static void readMadeUpChannels(WsClient probe) {
    for (int i = 0; i < CHANNELS; i++) {
      String channel = "h:" + UUID.randomUUID();
      probe.ok("subscribe", WsClient.json("channel", channel));
      probe.ok("history", WsClient.json("channel", channel));
      probe.ok("presence", WsClient.json("channel", channel));
      probe.ok("presenceStats", WsClient.json("channel", channel));
      probe.ok("unsubscribe", WsClient.json("channel", channel));
      probe.ok("history", WsClient.json("channel", "h:" + UUID.randomUUID()));
      probe.ok("presence", WsClient.json("channel", "h:" + UUID.randomUUID()));
      probe.ok("presenceStats", WsClient.json("channel", "h:" + UUID.randomUUID()));
    }
  }

  @Test
  void readsOfMadeUpChannelsLeaveNothingLastingInRedis() {
    HeraldServer server = redisServer(namespace());
    readMadeUpChannels(connected(server, "attacker"));

    assertThat(RedisTests.longestTtlMillis(RedisTests.ADDRESS, redis.prefix()))
        .as("no key a read made outlives readMetaTtl (1 minute; historyMetaTtl is 30 days)")
        .isLessThanOrEqualTo(Duration.ofMinutes(1).toMillis());
    assertThat(RedisTests.countKeys(RedisTests.ADDRESS, redis.prefix()))
        .as("at most one meta hash per channel subscribed to or read (no presence, no stream)")
        .isLessThanOrEqualTo(2 * CHANNELS);
  }

  @Test
  void readsOfMadeUpChannelsLeaveNoKeyAfterAShortReadMetaTtlInRedis() {
    HeraldServer server =
        redisServer(namespace().with("readMetaTtl", SHORT_READ_META_TTL));
    readMadeUpChannels(connected(server, "attacker"));

    assertThat(RedisTests.longestTtlMillis(RedisTests.ADDRESS, redis.prefix()))
        .isLessThanOrEqualTo(SHORT_READ_META_TTL.toMillis());
    Awaitility.await("every key a read made expired")
        .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
        .until(() -> RedisTests.countKeys(RedisTests.ADDRESS, redis.prefix()) == 0);
  }

  @Test
  void readsOfMadeUpChannelsLeaveNothingInTheMemoryEngine() {
    Engine memory = MemoryEngine.create(Clock.systemUTC());
    HeraldConfig config = config(namespace().with("readMetaTtl", SHORT_READ_META_TTL)).build();
    URI uri = serve(config, memory);
    WsClient probe = track(WsClient.open(http, uri));
    probe.ok("connect", WsClient.json("token", token("attacker")));
    readMadeUpChannels(probe);

    MemoryHistoryStore streams = (MemoryHistoryStore) memory.history();
    MemoryPresenceStore presence = (MemoryPresenceStore) memory.presence();
    assertThat(streams.streamCount()).isPositive().isLessThanOrEqualTo(2 * CHANNELS);
    assertThat(presence.channelCount()).as("presence reads store nothing").isZero();
    // Reclaimed by the engine's sweep (every 10 s) once readMetaTtl passed.
    Awaitility.await("every stream a read made is reclaimed")
        .atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(200))
        .until(() -> streams.streamCount() == 0);
    assertThat(presence.channelCount()).isZero();
  }

  @Test
  void aSubscriberFromBeforeTheFirstPublicationGetsIt() {
    HeraldServer server = redisServer(namespace());
    String channel = "h:" + UUID.randomUUID();
    WsClient early = connected(server, "early");
    JsonNode subscribed = early.ok("subscribe", WsClient.json("channel", channel));
    assertThat(subscribed.path("offset").asLong()).isZero();

    api(server).publish(channel, "{\"n\":1}");
    JsonNode first = early.awaitMethod("publication").get("params");
    assertThat(first.at("/data/n").asInt()).isEqualTo(1);
    assertThat(RedisTests.longestTtlMillis(RedisTests.ADDRESS, redis.prefix()))
        .as("a publication gives the stream its full meta TTL")
        .isGreaterThan(Duration.ofMinutes(1).toMillis());
  }

  @Test
  void aSubscriberThatOutlivedReadMetaTtlIsToldAndGetsWhatFollows() throws Exception {
    HeraldServer server =
        redisServer(namespace().with("readMetaTtl", SHORT_READ_META_TTL));
    String channel = "h:" + UUID.randomUUID();
    WsClient early = connected(server, "early");
    JsonNode subscribed = early.ok("subscribe", WsClient.json("channel", channel));
    Thread.sleep(SHORT_READ_META_TTL.toMillis() + 500);

    api(server).publish(channel, "{\"n\":1}");
    JsonNode told = early.awaitMethod("unsubscribe").get("params");
    assertThat(told.path("channel").asText()).isEqualTo(channel);
    assertThat(told.path("code").asInt()).as("insufficient state").isEqualTo(2500);

    JsonNode again = early.ok("subscribe", "{\"channel\":\"" + channel + "\",\"recover\":true,"
        + "\"offset\":0,\"epoch\":\"" + subscribed.path("epoch").asText() + "\"}");
    assertThat(again.path("recovered").asBoolean()).as("the old stream is gone").isFalse();
    api(server).publish(channel, "{\"n\":2}");
    JsonNode next = early.awaitMethod("publication").get("params");
    assertThat(next.at("/data/n").asInt()).isEqualTo(2);
  }

  /** A node on {@code engine}, serving WebSocket clients and the API on a loopback port. */
  private URI serve(HeraldConfig config, Engine engine) {
    Clock clock = Clock.systemUTC();
    Node node = new Node(config, TokenVerifier.create(config.token(), clock), engine,
        JsonRpcProtocol.withDefaults(), clock, "node");
    RouteTable routes = new RouteTable();
    routes.webSocket(JsonRpcProtocol.WEBSOCKET_PATH, new ProtocolWebSocket(node, node.protocol()));
    new ApiRoutes(new ApiService(node, TestConfig.API_KEY), config.api().maxBodySize())
        .mount(routes);
    EventLoopGroup group = EventLoops.group(1);
    track(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync());
    track(engine::close);
    Channel listener = new ServerBootstrap()
        .group(group)
        .channel(EventLoops.serverChannel())
        .childHandler(HeraldChannelInitializer.builder(config, routes).build())
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    track(() -> listener.close().sync());
    int port = ((InetSocketAddress) listener.localAddress()).getPort();
    return URI.create("ws://127.0.0.1:" + port + WS_PATH);
  }
}
