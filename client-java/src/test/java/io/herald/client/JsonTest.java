package io.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  @SuppressWarnings("unchecked")
  void roundTripsValuesExactly() {
    String text = "{\"a\":[1,-2,3.50,1e3,null,true,false],\"s\":\"q\\\"\\\\\\n\\u00e9\\u0001\","
        + "\"big\":123456789012345678901234567890,\"o\":{}}";
    Object parsed = Json.parse(text);
    Map<?, ?> m = (Map<?, ?>) parsed;
    assertThat((List<Object>) m.get("a")).containsExactly(1L, -2L, new BigDecimal("3.50"),
        new BigDecimal("1e3"), null, true, false);
    assertThat(m.get("s")).isEqualTo("q\"\\\né\u0001");
    assertThat(m.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(Json.write(parsed)).isEqualTo(
        "{\"a\":[1,-2,3.50,1E+3,null,true,false],\"s\":\"q\\\"\\\\\\né\\u0001\","
            + "\"big\":123456789012345678901234567890,\"o\":{}}");
  }

  @Test
  void writesCollectionsMapsAndRaw() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("list", Arrays.asList(1, "two", null));
    m.put("raw", new Json.Raw("{\"x\":1}"));
    assertThat(Json.write(m)).isEqualTo("{\"list\":[1,\"two\",null],\"raw\":{\"x\":1}}");
  }

  @Test
  void refusesWhatIsNotJson() {
    for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "tru", "1 2", "\"\\x\"", "-"}) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("[".repeat(1000) + "]".repeat(1000)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
