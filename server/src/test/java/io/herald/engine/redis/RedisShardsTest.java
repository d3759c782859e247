package io.herald.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing of channels over shard names, without Redis. */
class RedisShardsTest {

  private static final List<String> TWO = List.of("10.0.0.1:6379", "10.0.0.2:6379");
  private static final List<String> THREE =
      List.of("10.0.0.1:6379", "10.0.0.2:6379", "10.0.0.3:6379");

  @Test
  void channelsSpreadEvenly() {
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) {
      counts[RedisShards.pick(THREE, "chat:room-" + i)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_000, 11_000);
    }
  }

  @Test
  void addingAShardMovesOnlyTheChannelsItTakes() {
    int moved = 0;
    for (int i = 0; i < 10_000; i++) {
      String channel = "tasks:list#" + i;
      int before = RedisShards.pick(TWO, channel);
      int after = RedisShards.pick(THREE, channel);
      if (after != before) {
        assertThat(after).as(channel).isEqualTo(2);
        moved++;
      }
    }
    assertThat(moved).isBetween(3_000, 3_700);
  }

  @Test
  void theChoiceDependsOnNamesNotOrder() {
    List<String> reversed = List.of("10.0.0.2:6379", "10.0.0.1:6379");
    for (int i = 0; i < 1_000; i++) {
      String channel = "c" + i;
      assertThat(reversed.get(RedisShards.pick(reversed, channel)))
          .isEqualTo(TWO.get(RedisShards.pick(TWO, channel)));
    }
  }
}
