package io.herald.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.PusherApp;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pusher protocol state machine of one connection, against a fake node side. */
class PusherConnectionTest {

  static final String SECRET = "0123456789abcdef0123";
  static final String SOCKET = "123.456";

  PusherApp app = PusherApp.of("1", "app-key", SECRET).with("clientEvents", true);
  FakeCore core;
  PusherConnection conn;
  PusherApp latest;

  @BeforeEach
  void open() {
    open(app);
  }

  void open(PusherApp a) {
    core = new FakeCore();
    conn = new PusherConnection(a, () -> latest, core, SOCKET, 100, new PusherWebhooks(null), () -> core.nanos);
    conn.start();
  }

  void send(String json) {
    conn.message(json.getBytes(StandardCharsets.UTF_8));
  }

  static String auth(String text) {
    return "app-key:" + Signatures.hmac(SECRET, text);
  }

  @Test
  void greetsWithTheSocketIdAndActivityTimeoutAsAString() {
    assertThat(core.sent).containsExactly("{\"event\":\"pusher:connection_established\","
        + "\"data\":\"{\\\"socket_id\\\":\\\"123.456\\\",\\\"activity_timeout\\\":120}\"}");
    assertThat(PusherConnection.newSocketId()).matches("\\d+\\.\\d+");
  }

  @Test
  void answersPings() {
    send("{\"event\":\"pusher:ping\",\"data\":{}}");
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":\"{}\"}");
  }

  @Test
  void publicChannelNeedsNoAuth() {
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"news\"}}");
    assertThat(core.subscribed).containsExactly("pusher.1:news");
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\","
        + "\"channel\":\"news\",\"data\":\"{}\"}");
    send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"news\"}}");
    assertThat(core.unsubscribed).containsExactly("pusher.1:news");
  }

  @Test
  void privateChannelChecksTheSignature() {
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-a\",\"auth\":\""
        + "app-key:0000\"}}");
    assertThat(core.subscribed).isEmpty();
    assertThat(core.lastSent()).startsWith(
        "{\"event\":\"pusher:subscription_error\",\"channel\":\"private-a\"").contains("401");
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-a\",\"auth\":\""
        + auth(SOCKET + ":private-a") + "\"}}");
    assertThat(core.subscribed).containsExactly("pusher.1:private-a");
  }

  @Test
  void presenceSendsMembersOncePerUser() {
    core.presence.put("pusher.1:presence-room", new java.util.LinkedHashMap<>(java.util.Map.of(
        "9.9", new ClientInfo("7", "9.9", null, "{\"name\":\"Ann\"}".getBytes()))));
    String data = "{\"user_id\":\"42\",\"user_info\":{\"name\":\"Bob\"}}";
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-room\",\"auth\":\""
        + auth(SOCKET + ":presence-room:" + data) + "\",\"channel_data\":"
        + quote(data) + "}}");
    assertThat(core.members.get("pusher.1:presence-room").user()).isEqualTo("42");
    String ok = core.lastSent();
    assertThat(ok).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\","
        + "\"channel\":\"presence-room\",\"data\":\"{\\\"presence\\\":{\\\"ids\\\":[");
    assertThat(ok).contains("\\\"count\\\":2").contains("\\\"42\\\":{\\\"name\\\":\\\"Bob\\\"}");
    int before = core.sent.size();
    ClientInfo secondTab = new ClientInfo("7", "9.8", null, null);
    conn.joined("pusher.1:presence-room", secondTab);
    assertThat(core.sent).hasSize(before);
    ClientInfo carol = new ClientInfo("8", "8.1", null, "{\"name\":\"Carol\"}".getBytes());
    conn.joined("pusher.1:presence-room", carol);
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"pusher_internal:member_added\","
        + "\"channel\":\"presence-room\",\"data\":\"{\\\"user_id\\\":\\\"8\\\","
        + "\\\"user_info\\\":{\\\"name\\\":\\\"Carol\\\"}}\"}");
    conn.left("pusher.1:presence-room", secondTab);
    assertThat(core.sent).hasSize(before + 1);
    conn.left("pusher.1:presence-room", new ClientInfo("7", "9.9", null, null));
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"pusher_internal:member_removed\","
        + "\"channel\":\"presence-room\",\"data\":\"{\\\"user_id\\\":\\\"7\\\"}\"}");
    conn.joined("pusher.1:presence-room", new ClientInfo("42", SOCKET, null, null));
    assertThat(core.sent).hasSize(before + 2);
  }

  @Test
  void presenceWithoutUserIdIsRefused() {
    String data = "{\"user_info\":{}}";
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-room\",\"auth\":\""
        + auth(SOCKET + ":presence-room:" + data) + "\",\"channel_data\":" + quote(data) + "}}");
    assertThat(core.subscribed).isEmpty();
    assertThat(core.lastSent()).contains("pusher:subscription_error").contains("user_id");
  }

  @Test
  void cacheChannelsDeliverTheLastEventOrACacheMiss() {
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"cache-a\"}}");
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"pusher:cache_miss\",\"channel\":\"cache-a\"}");
    core.last.put("pusher.1.cache:cache-b",
        new Publication(3, "{\"p\":1}".getBytes(), null, "e", "price"));
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"cache-b\"}}");
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"price\",\"channel\":\"cache-b\","
        + "\"data\":\"{\\\"p\\\":1}\"}");
  }

  @Test
  void clientEventsFollowPushersRules() {
    send("{\"event\":\"client-typing\",\"channel\":\"private-a\",\"data\":{}}");
    assertThat(core.lastSent()).contains("4301").contains("not subscribed");
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"news\"}}");
    send("{\"event\":\"client-typing\",\"channel\":\"news\",\"data\":{}}");
    assertThat(core.lastSent()).contains("4301").contains("private and presence");
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-a\",\"auth\":\""
        + auth(SOCKET + ":private-a") + "\"}}");
    send("{\"event\":\"client-typing\",\"channel\":\"private-a\",\"data\":{\"on\":true}}");
    assertThat(core.published).containsExactly(
        "pusher.1:private-a client-typing {\"on\":true} /123.456");
    for (int i = 0; i < 20; i++) {
      send("{\"event\":\"client-typing\",\"channel\":\"private-a\",\"data\":{}}");
    }
    assertThat(core.published).hasSize(10);
    assertThat(core.lastSent()).contains("4301").contains("rate limit");
    core.advance(Duration.ofSeconds(1));
    send("{\"event\":\"client-typing\",\"channel\":\"private-a\",\"data\":\""
        + "x".repeat(10_241) + "\"}");
    assertThat(core.lastSent()).contains("4301").contains("larger than 10240");
    assertThat(core.published).hasSize(10);
  }

  @Test
  void clientEventsNeedTheAppsPermission() {
    open(app.with("clientEvents", false));
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-a\",\"auth\":\""
        + auth(SOCKET + ":private-a") + "\"}}");
    send("{\"event\":\"client-typing\",\"channel\":\"private-a\",\"data\":{}}");
    assertThat(core.lastSent()).contains("4301").contains("not enabled");
    assertThat(core.published).isEmpty();
  }

  @Test
  void signInThenTheUsersOwnChannel() {
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"#server-to-user-42\"}}");
    assertThat(core.lastSent()).contains("pusher:subscription_error");
    String userData = "{\"id\":\"42\"}";
    send("{\"event\":\"pusher:signin\",\"data\":{\"user_data\":" + quote(userData)
        + ",\"auth\":\"" + auth(SOCKET + "::user::" + userData) + "\"}}");
    assertThat(core.signedIn).isEqualTo("pusher.1:42");
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"pusher:signin_success\","
        + "\"data\":\"{\\\"user_data\\\":\\\"{\\\\\\\"id\\\\\\\":\\\\\\\"42\\\\\\\"}\\\"}\"}");
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"#server-to-user-42\"}}");
    assertThat(core.subscribed).containsExactly("pusher.1:#server-to-user-42");
  }

  @Test
  void aRotatedSecretHoldsFromTheNextMessage() {
    String next = "fedcba9876543210fedc";
    latest = app.with("secret", next);
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-a\",\"auth\":\""
        + auth(SOCKET + ":private-a") + "\"}}");
    assertThat(core.subscribed).isEmpty();
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-a\",\"auth\":\""
        + "app-key:" + Signatures.hmac(next, SOCKET + ":private-a") + "\"}}");
    assertThat(core.subscribed).containsExactly("pusher.1:private-a");
  }

  @Test
  void aForgedSignInIsRefused() {
    send("{\"event\":\"pusher:signin\",\"data\":{\"user_data\":\"{\\\"id\\\":\\\"1\\\"}\","
        + "\"auth\":\"app-key:00\"}}");
    assertThat(core.signedIn).isNull();
    assertThat(core.lastSent()).contains("4009");
  }

  @Test
  void silentConnectionsArePingedThenClosedWith4201() {
    core.advance(Duration.ofSeconds(119));
    assertThat(core.sent).hasSize(1);
    core.advance(Duration.ofSeconds(1));
    assertThat(core.lastSent()).isEqualTo("{\"event\":\"pusher:ping\",\"data\":\"{}\"}");
    send("{\"event\":\"pusher:pong\",\"data\":{}}");
    core.advance(Duration.ofSeconds(119));
    assertThat(core.closedWith).isNull();
    core.advance(Duration.ofSeconds(1));
    assertThat(core.lastSent()).contains("pusher:ping");
    core.advance(Duration.ofSeconds(30));
    assertThat(core.closedWith).isEqualTo(4201);
  }

  @Test
  void aConnectionSubscribesToAtMostChannelLimitChannels() {
    core = new FakeCore();
    conn = new PusherConnection(app, () -> null, core, SOCKET, 2, new PusherWebhooks(null), () -> core.nanos);
    conn.start();
    for (String c : new String[] {"a", "b", "c"}) {
      send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + c + "\"}}");
    }
    assertThat(core.subscribed).containsExactly("pusher.1:a", "pusher.1:b");
    assertThat(core.lastSent()).contains("pusher:subscription_error").contains("at most 2");
  }

  @Test
  void malformedMessagesGetAnErrorAndTheConnectionStays() {
    send("not json");
    assertThat(core.lastSent()).contains("pusher:error").contains("Invalid message");
    send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"bad name\"}}");
    assertThat(core.lastSent()).contains("Invalid channel name");
    send("{\"event\":\"unknown\"}");
    assertThat(core.lastSent()).contains("Unsupported event");
    assertThat(core.closedWith).isNull();
  }

  @Test
  void encoderNamesTheEventAndLeavesTheSenderOut() {
    Publication fromClient = new Publication(0, "{\"a\":1}".getBytes(),
        new ClientInfo("42", SOCKET, null, null), "", "client-x");
    assertThat(new String(PusherEncoder.publication("pusher.1:presence-r", fromClient),
        StandardCharsets.UTF_8)).isEqualTo("{\"event\":\"client-x\",\"channel\":\"presence-r\","
            + "\"data\":\"{\\\"a\\\":1}\",\"user_id\":\"42\"}");
    assertThat(PusherEncoder.delivers(fromClient, SOCKET)).isFalse();
    assertThat(PusherEncoder.delivers(fromClient, "1.1")).isTrue();
    Publication plain = new Publication(0, "5".getBytes(), null);
    assertThat(new String(PusherEncoder.publication("pusher.1:c", plain), StandardCharsets.UTF_8))
        .isEqualTo("{\"event\":\"herald:publication\",\"channel\":\"c\",\"data\":\"5\"}");
  }

  private static String quote(String s) {
    return new String(EventData.quote(s), StandardCharsets.UTF_8);
  }
}
