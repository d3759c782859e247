package io.herald.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NatsSubjectsTest {

  private final NatsSubjects subjects = new NatsSubjects("acme.herald");

  @Test
  void heraldChannelNamesNeedOnlyTheDotEscaped() {
    assertThat(subjects.channel("chat:room#1,2")).isEqualTo("acme.herald.ch.chat:room#1,2");
    assertThat(subjects.channel("$private:x/y+z=@;_-")).isEqualTo(
        "acme.herald.ch.$private:x/y+z=@;_-");
    assertThat(subjects.channel("news.eu")).isEqualTo("acme.herald.ch.news%2Eeu");
    assertThat(subjects.control()).isEqualTo("acme.herald.control");
  }

  @Test
  void wildcardsBlanksPercentAndNonAsciiAreEscaped() {
    assertThat(NatsSubjects.token("a*b>c d%e\tf")).isEqualTo("a%2Ab%3Ec%20d%25e%09f");
    assertThat(NatsSubjects.token("é😀")).isEqualTo("%C3%A9%F0%9F%98%80");
  }

  @Property(tries = 300)
  void everyNameIsOneTokenAndComesBack(@ForAll @StringLength(min = 1, max = 40) String channel) {
    String token = NatsSubjects.token(channel);
    assertThat(token).doesNotContain(".", "*", ">", " ", "\t", "\r", "\n").isNotEmpty();
    assertThat(token.chars()).allMatch(c -> c > 32 && c < 127);
    assertThat(subjects.channelOf(subjects.channel(channel))).isEqualTo(channel);
  }
}
