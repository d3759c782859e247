package io.herald.protocol.uni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.protocol.uni.Positions.MalformedException;
import io.herald.protocol.uni.Positions.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The position lists of {@code since} and SSE event ids (docs/uni.md). */
class PositionsTest {

  @Test
  void readsPlainAndEpochEntriesWithTheChannelBeforeTheLastColon() throws MalformedException {
    Map<String, Position> p = Positions.parse(
        "messages:142,knowledge:89~b2f9d3a1c07e,chat:room1:17,chat:dm#42%2C43:5~e-1");
    assertThat(p).containsExactly(
        Map.entry("messages", new Position(142, null)),
        Map.entry("knowledge", new Position(89, "b2f9d3a1c07e")),
        Map.entry("chat:room1", new Position(17, null)),
        Map.entry("chat:dm#42,43", new Position(5, "e-1")));
    assertThat(Positions.parse("")).isEmpty();
  }

  @Test
  void refusesWhatIsNotAPositionList() {
    for (String bad : List.of("messages", ":5", "messages:", "messages:-1", "messages:1.5",
        "messages:9007199254740992", "messages:12345678901234567", "a:1,", "a:1~", "a:1~b c",
        "a:1~" + "e".repeat(65), ",a:1")) {
      assertThatThrownBy(() -> Positions.parse(bad)).as(bad)
          .isInstanceOf(MalformedException.class);
    }
  }

  @Test
  void formatsOnlyChannelsWithAnEpoch() {
    Map<String, Position> p = new LinkedHashMap<>();
    p.put("a", new Position(1, "x"));
    p.put("plain", new Position(3, null));
    p.put("dm#1,2", new Position(0, "y"));
    assertThat(Positions.format(p)).isEqualTo("a:1~x,dm#1%2C2:0~y");
  }

  @Property
  void whatIsFormattedReadsBackTheSame(
      @ForAll("channels") List<String> channels,
      @ForAll @LongRange(min = 0, max = Positions.MAX_OFFSET) long offset,
      @ForAll @StringLength(min = 1, max = 64) @net.jqwik.api.constraints.Chars({'a', 'Z', '0', '_', '-'}) String epoch)
      throws MalformedException {
    Map<String, Position> in = new LinkedHashMap<>();
    for (String c : channels) {
      in.put(c, new Position(offset, epoch));
    }
    assertThat(Positions.parse(Positions.format(in))).isEqualTo(in);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<String>> channels() {
    return net.jqwik.api.Arbitraries.strings()
        .withChars("abcXYZ019_-=@.,;:#$/+")
        .ofMinLength(1).ofMaxLength(30)
        .filter(s -> !s.endsWith(":") || s.length() > 1)
        .list().ofMinSize(1).ofMaxSize(5).uniqueElements();
  }
}
