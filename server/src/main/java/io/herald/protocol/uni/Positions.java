package io.herald.protocol.uni;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Positions as the uni endpoints write them in a {@code since} parameter and an SSE event id:
 * comma-separated entries {@code <channel>:<offset>} or {@code <channel>:<offset>~<epoch>}. The
 * channel is everything before the entry's last {@code :} (so {@code chat:room1:17} is channel
 * {@code chat:room1} at 17); a comma inside a channel name is written {@code %2C}. Offsets are
 * integers from 0 to 2^53-1; an epoch is 1-64 of {@code [A-Za-z0-9_-]}.
 */
final class Positions {

  /** Highest offset (JavaScript's largest exact integer). */
  static final long MAX_OFFSET = (1L << 53) - 1;

  /** One channel's position; {@code epoch} null when the client gave none. */
  record Position(long offset, String epoch) {}

  /** A position list that does not follow the syntax above. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  private Positions() {}

  /** Adds the entries of {@code list} to {@code into} (a later entry of a channel wins). */
  static void parse(String list, Map<String, Position> into) throws MalformedException {
    if (list.isEmpty()) {
      return;
    }
    for (String entry : list.split(",", -1)) {
      int tilde = entry.indexOf('~');
      String head = tilde < 0 ? entry : entry.substring(0, tilde);
      String epoch = tilde < 0 ? null : entry.substring(tilde + 1);
      int colon = head.lastIndexOf(':');
      if (colon <= 0) {
        throw new MalformedException("position \"" + entry + "\" is not <channel>:<offset>");
      }
      String channel = decodeName(head.substring(0, colon));
      long offset = offset(head.substring(colon + 1), entry);
      if (epoch != null && !epoch.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new MalformedException("position \"" + entry + "\" has a malformed epoch");
      }
      into.put(channel, new Position(offset, epoch));
    }
  }

  /** Parses a whole list. */
  static Map<String, Position> parse(String list) throws MalformedException {
    Map<String, Position> out = new LinkedHashMap<>();
    parse(list, out);
    return out;
  }

  private static long offset(String text, String entry) throws MalformedException {
    if (text.isEmpty() || text.length() > 16 || !text.chars().allMatch(Character::isDigit)) {
      throw new MalformedException("position \"" + entry + "\" has no offset from 0 to 2^53-1");
    }
    long offset = Long.parseLong(text);
    if (offset > MAX_OFFSET) {
      throw new MalformedException("position \"" + entry + "\" has no offset from 0 to 2^53-1");
    }
    return offset;
  }

  /** A channel name of a comma-separated list: {@code %2C} stands for a comma. */
  static String decodeName(String name) {
    return name.indexOf('%') < 0 ? name : name.replace("%2C", ",").replace("%2c", ",");
  }

  /** The list for {@code positions}: channels with an epoch only, in the map's order. */
  static String format(Map<String, Position> positions) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Position> e : positions.entrySet()) {
      Position p = e.getValue();
      if (p.epoch() == null) {
        continue;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(e.getKey().replace(",", "%2C")).append(':').append(p.offset())
          .append('~').append(p.epoch());
    }
    return out.toString();
  }
}
