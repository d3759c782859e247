package io.herald.protocol.uni;

import io.herald.protocol.uni.Positions.MalformedException;
import io.herald.protocol.uni.Positions.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a uni connection asks for, read from its request (query string and headers) or, on the
 * WebSocket, from its first message: the connection token, the channels the client chooses, and
 * the positions to resume from. Immutable once parsed.
 *
 * <ul>
 *   <li>{@code channels=a,b} (a comma in a name is {@code %2C}) and {@code channel=<name>}, each
 *       repeatable;
 *   <li>{@code since=<positions>} ({@link Positions}), repeatable; an SSE {@code Last-Event-ID}
 *       (the positions of the last event received) overrides it channel by channel;
 *   <li>the token from {@code token=}, else {@code Authorization: Bearer <token>}, else the cookie
 *       named by {@code fallback.tokenCookie}; none: anonymous.
 * </ul>
 *
 * @param token the connection token, or null
 * @param channels the channels the client asks for, in order, without repeats
 * @param positions where to resume, by channel (channels that are not in {@code channels} may be
 *     ones the server chooses, such as the token's {@code channels} claim)
 */
record UniRequest(String token, Set<String> channels, Map<String, Position> positions) {

  /** A request that cannot be served: answered with {@link #refusal}. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient UniRefusal refusal;

    Refused(UniRefusal refusal) {
      super(refusal.reason(), null, false, false);
      this.refusal = refusal;
    }

    UniRefusal refusal() {
      return refusal;
    }
  }

  /**
   * Reads a request.
   *
   * @param query the decoded query parameters
   * @param header a request header by name (any case), null when absent
   * @param tokenCookie the name of the token cookie, "" for none
   * @param channelLimit {@code client.channelLimit}: most channels one connection may ask for
   * @param lastEventId whether {@code Last-Event-ID} counts (the SSE endpoint)
   */
  static UniRequest parse(Map<String, List<String>> query, Function<String, String> header,
      String tokenCookie, int channelLimit, boolean lastEventId) throws Refused {
    Set<String> channels = new LinkedHashSet<>();
    for (String list : query.getOrDefault("channels", List.of())) {
      for (String name : list.split(",", -1)) {
        channels.add(name(Positions.decodeName(name)));
      }
    }
    for (String name : query.getOrDefault("channel", List.of())) {
      channels.add(name(name));
    }
    if (channels.size() > channelLimit) {
      throw new Refused(UniRefusal.tooManyChannels(channelLimit));
    }
    Map<String, Position> positions = new LinkedHashMap<>();
    try {
      for (String since : query.getOrDefault("since", List.of())) {
        Positions.parse(since, positions);
      }
      String last = lastEventId ? header.apply("Last-Event-ID") : null;
      if (last != null && !last.isBlank()) {
        Positions.parse(last.strip(), positions);
      }
    } catch (MalformedException e) {
      throw new Refused(UniRefusal.badRequest(e.getMessage()));
    }
    if (positions.size() > channelLimit) {
      throw new Refused(UniRefusal.tooManyChannels(channelLimit));
    }
    return new UniRequest(token(query, header, tokenCookie), channels, positions);
  }

  /** Whether a WebSocket's query names what to follow (else its first message does). */
  static boolean inQuery(Map<String, List<String>> query) {
    return query.containsKey("channels") || query.containsKey("channel")
        || query.containsKey("since") || query.containsKey("token");
  }

  private static String name(String name) throws Refused {
    if (name.isEmpty()) {
      throw new Refused(UniRefusal.badRequest("empty channel name in the list"));
    }
    return name;
  }

  private static String token(Map<String, List<String>> query, Function<String, String> header,
      String tokenCookie) {
    List<String> fromQuery = query.get("token");
    if (fromQuery != null && !fromQuery.isEmpty() && !fromQuery.get(0).isEmpty()) {
      return fromQuery.get(0);
    }
    String authorization = header.apply("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    return tokenCookie == null || tokenCookie.isEmpty() ? null
        : cookie(header.apply("Cookie"), tokenCookie);
  }

  /** The value of cookie {@code name} in a {@code Cookie} header, or null. */
  static String cookie(String header, String name) {
    if (header == null) {
      return null;
    }
    for (String pair : header.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
        String value = pair.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The channels to subscribe at connect: the asked ones, then those only positioned. */
  List<String> allChannels() {
    List<String> out = new ArrayList<>(channels);
    for (String channel : positions.keySet()) {
      if (!channels.contains(channel)) {
        out.add(channel);
      }
    }
    return out;
  }
}
