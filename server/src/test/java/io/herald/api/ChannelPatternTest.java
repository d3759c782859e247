package io.herald.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The channels API's glob: what it matches, and that hostile patterns cost linear time. */
class ChannelPatternTest {

  @Test
  void starsAndQuestionMarks() {
    assertThat(ChannelPattern.of("chat:*").matches("chat:room1")).isTrue();
    assertThat(ChannelPattern.of("chat:*").matches("chat:")).isTrue();
    assertThat(ChannelPattern.of("chat:*").matches("news")).isFalse();
    assertThat(ChannelPattern.of("*#42").matches("tasks:list#42")).isTrue();
    assertThat(ChannelPattern.of("room?").matches("room1")).isTrue();
    assertThat(ChannelPattern.of("room?").matches("room12")).isFalse();
    assertThat(ChannelPattern.of("a*b*c").matches("aXbYc")).isTrue();
    assertThat(ChannelPattern.of("a*b*c").matches("aXcYb")).isFalse();
    assertThat(ChannelPattern.of("*ab*ab*").matches("xabab")).isTrue();
    assertThat(ChannelPattern.of("ab*ba").matches("aba")).isFalse();
    assertThat(ChannelPattern.of("*").matches("")).isTrue();
    assertThat(ChannelPattern.of("").matches("")).isTrue();
    assertThat(ChannelPattern.of("a.c").matches("abc")).as("a dot is literal").isFalse();
    assertThat(ChannelPattern.of("*?" + "x".repeat(70) + "*").matches("y" + "x".repeat(70)))
        .as("a part longer than one word").isTrue();
  }

  @Property(tries = 500)
  void agreesWithTheRegularExpressionItReplaces(
      @ForAll @StringLength(max = 12) @Chars({'a', 'b', '*', '?'}) String glob,
      @ForAll @StringLength(max = 20) @Chars({'a', 'b'}) String name) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    assertThat(ChannelPattern.of(glob).matches(name))
        .isEqualTo(Pattern.compile(re.toString(), Pattern.DOTALL).matcher(name).matches());
  }

  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hostilePatternsTakeLinearTime() {
    String hostile = "*a".repeat(120) + "*b";
    String name = "a".repeat(255);
    ChannelPattern pattern = ChannelPattern.of(hostile);
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      assertThat(pattern.matches(name)).isFalse();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("10,000 matches of a backtracking-hostile pattern")
        .isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void refusesPatternsLongerThanAChannelName() {
    assertThatThrownBy(() -> ChannelPattern.of("*".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
