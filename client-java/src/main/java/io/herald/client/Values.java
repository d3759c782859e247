package io.herald.client;

import java.util.List;
import java.util.Map;

/** Reading fields of decoded JSON without casts all over the client. */
final class Values {

  private Values() {}

  static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  static String string(Object o) {
    return o instanceof String s ? s : "";
  }

  static long longValue(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  static boolean bool(Object o) {
    return Boolean.TRUE.equals(o);
  }

  /** The stream position in a result with {@code offset} and {@code epoch}, or null. */
  static StreamPosition position(Map<?, ?> m) {
    return m.get("epoch") instanceof String epoch
        ? new StreamPosition(longValue(m.get("offset")), epoch)
        : null;
  }
}
