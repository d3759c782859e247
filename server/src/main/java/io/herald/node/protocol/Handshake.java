package io.herald.node.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a transport kept of the request that opened a connection (the WebSocket handshake, for
 * example): the request headers the backend proxies forward, and nothing else, so an idle
 * connection holds only what it may need. Transport-neutral and immutable.
 *
 * @param headers header values by lower-case name; several values of one header are joined
 *     with {@code ", "} ({@code "; "} for {@code cookie})
 */
public record Handshake(Map<String, String> headers) {

  /** No headers. */
  public static final Handshake NONE = new Handshake(Map.of());

  public Handshake {
    headers = Map.copyOf(headers);
  }

  /**
   * Keeps the headers of {@code request} named in {@code wanted}.
   *
   * @param request every header of the request, as name and value pairs (names in any case)
   * @param wanted lower-case names to keep; empty: keep none
   */
  public static Handshake of(Iterable<Map.Entry<String, String>> request, Set<String> wanted) {
    if (wanted.isEmpty()) {
      return NONE;
    }
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : request) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (wanted.contains(name)) {
        String separator = name.equals("cookie") ? "; " : ", ";
        kept.merge(name, h.getValue(), (a, b) -> a + separator + b);
      }
    }
    return kept.isEmpty() ? NONE : new Handshake(kept);
  }

  /** The value of header {@code name} (any case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The headers named in {@code names} (any case) that are present, with those names. */
  public Map<String, String> select(List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      String value = header(name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }
}
