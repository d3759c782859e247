package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ended-session ids a node remembers: at most its capacity, the oldest forgotten first. */
class EndedSessionsTest {

  @Test
  void pastItsCapacityTheOldestIdIsForgotten() {
    EndedSessions ended = new EndedSessions(3);
    assertThat(ended.add("a")).isTrue();
    assertThat(ended.add("a")).as("already remembered").isFalse();
    ended.add("b");
    ended.add("c");
    ended.add("d");

    assertThat(ended.size()).isEqualTo(3);
    assertThat(ended.contains("a")).as("the oldest, forgotten").isFalse();
    assertThat(ended.contains("b")).isTrue();
    assertThat(ended.contains("d")).isTrue();
    assertThat(ended.add("a")).as("told again, remembered again").isTrue();
    assertThat(ended.contains("b")).isFalse();
  }
}
