package io.herald.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Channel names, their kinds, and the Herald channels they map onto; event data both ways. */
class PusherChannelTest {

  @Test
  void prefixesDecideTheKind() {
    assertThat(PusherChannel.parse("news").isPrivate()).isFalse();
    assertThat(PusherChannel.parse("private-a").isPrivate()).isTrue();
    assertThat(PusherChannel.parse("presence-a").presence()).isTrue();
    assertThat(PusherChannel.parse("presence-a").isPrivate()).isTrue();
    assertThat(PusherChannel.parse("private-encrypted-a").encrypted()).isTrue();
    assertThat(PusherChannel.parse("cache-a").cache()).isTrue();
    assertThat(PusherChannel.parse("private-cache-a").cache()).isTrue();
    assertThat(PusherChannel.parse("presence-cache-a").cache()).isTrue();
    assertThat(PusherChannel.parse("private-encrypted-cache-a").cache()).isTrue();
    assertThat(PusherChannel.parse("#server-to-user-42").user()).isEqualTo("42");
  }

  @Test
  void badNamesAreRefused() {
    assertThat(PusherChannel.parse("")).isNull();
    assertThat(PusherChannel.parse("a b")).isNull();
    assertThat(PusherChannel.parse("a:b")).isNull();
    assertThat(PusherChannel.parse("a".repeat(201))).isNull();
    assertThat(PusherChannel.parse("a".repeat(200))).isNotNull();
    assertThat(PusherChannel.parse("#server-to-user-")).isNull();
  }

  @Test
  void eachAppHasItsOwnNamespace() {
    assertThat(PusherChannel.parse("news").herald("1")).isEqualTo("pusher.1:news");
    assertThat(PusherChannel.parse("cache-x").herald("1")).isEqualTo("pusher.1.cache:cache-x");
    assertThat(PusherChannel.pusherName("1", "pusher.1:news")).isEqualTo("news");
    assertThat(PusherChannel.pusherName("1", "pusher.1.cache:cache-x")).isEqualTo("cache-x");
    assertThat(PusherChannel.pusherName("1", "pusher.2:news")).isNull();
    assertThat(PusherChannel.pusherName("1", "pusher.10:news")).isNull();
  }

  @Test
  void userChannelsRoundTripWhateverTheUserId() {
    for (String user : new String[] {"42", "a@b.com", "ünï cödé/x"}) {
      PusherChannel c = PusherChannel.parse("#server-to-user-" + user);
      String herald = c.herald("1");
      assertThat(io.herald.node.ChannelName.parse(herald).namespace()).isEqualTo("pusher.1");
      assertThat(PusherChannel.pusherName(herald)).isEqualTo("#server-to-user-" + user);
    }
  }

  @Test
  void dataKeepsItsExactTextBothWays() {
    assertThat(text(EventData.toHerald("{\"a\": 1}"))).isEqualTo("{\"a\": 1}");
    assertThat(text(EventData.toHerald("[1,2]"))).isEqualTo("[1,2]");
    assertThat(text(EventData.toHerald("hello"))).isEqualTo("\"hello\"");
    assertThat(text(EventData.toHerald("{broken"))).isEqualTo("\"{broken\"");
    assertThat(text(EventData.toHerald("\"q\""))).isEqualTo("\"\\\"q\\\"\"");
    assertThat(text(EventData.toPusher(EventData.toHerald("{\"a\": 1}"))))
        .isEqualTo("\"{\\\"a\\\": 1}\"");
    assertThat(text(EventData.toPusher(EventData.toHerald("hello")))).isEqualTo("\"hello\"");
    assertThat(text(EventData.toPusher("5".getBytes(StandardCharsets.UTF_8)))).isEqualTo("\"5\"");
    assertThat(EventData.isString(EventData.toPusher("{\"x\":\"\\n\"}".getBytes(StandardCharsets.UTF_8)))).isTrue();
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
