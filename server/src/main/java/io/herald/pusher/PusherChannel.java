package io.herald.pusher;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A Pusher channel name and what its prefix makes it, and the Herald channel it maps onto.
 *
 * <p>Names are 1-{@value #MAX_LENGTH} letters, digits and {@code _ - = @ , . ;}. Prefixes:
 * {@code private-} (authorization needed), {@code private-encrypted-} (also private; the data is
 * end-to-end encrypted and relayed as it is), {@code presence-} (authorization with member data);
 * any of those may be followed by {@code cache-}, and a plain name may start with {@code cache-}:
 * the last event is delivered on subscribe. {@code #server-to-user-<user id>} is the channel of
 * one signed-in user (events the server sends to that user).
 *
 * <p>App {@code <id>}'s channel {@code name} is Herald channel {@code pusher.<id>:name}, a cache
 * channel {@code pusher.<id>.cache:name} (a namespace keeping the last event).
 *
 * @param name the Pusher name
 * @param isPrivate needs an authorization signature ({@code private-}, {@code presence-})
 * @param presence a presence channel
 * @param encrypted a {@code private-encrypted-} channel
 * @param cache a cache channel
 * @param user for {@code #server-to-user-<id>}, the user id; else null
 */
public record PusherChannel(String name, boolean isPrivate, boolean presence, boolean encrypted,
    boolean cache, String user) {

  /** Longest channel name accepted. */
  public static final int MAX_LENGTH = 200;

  /** Prefix of the server-to-user channels. */
  public static final String SERVER_TO_USER = "#server-to-user-";

  private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9_\\-=@,.;]+");
  private static final String HEX_USER = "#server-to-user=";
  private static final Pattern PLAIN_USER = Pattern.compile("[A-Za-z0-9_\\-=@,.;]{1,150}");

  /**
   * Parses {@code name}.
   *
   * @return null when it is not a valid Pusher channel name
   */
  public static PusherChannel parse(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return null;
    }
    if (name.startsWith(SERVER_TO_USER)) {
      String user = name.substring(SERVER_TO_USER.length());
      return user.isEmpty() ? null : new PusherChannel(name, true, false, false, false, user);
    }
    if (!LEGAL.matcher(name).matches()) {
      return null;
    }
    boolean encrypted = name.startsWith("private-encrypted-");
    boolean presence = name.startsWith("presence-");
    boolean isPrivate = presence || name.startsWith("private-");
    String rest = encrypted ? name.substring("private-encrypted-".length())
        : presence ? name.substring("presence-".length())
        : isPrivate ? name.substring("private-".length())
        : name;
    return new PusherChannel(name, isPrivate, presence, encrypted, rest.startsWith("cache-"), null);
  }

  /** The namespace of app {@code appId}'s channels. */
  public static String namespace(String appId) {
    return "pusher." + appId;
  }

  /** The namespace of app {@code appId}'s cache channels. */
  public static String cacheNamespace(String appId) {
    return "pusher." + appId + ".cache";
  }

  /**
   * The Herald channel of this channel in app {@code appId}. A user id with characters a
   * Herald channel name cannot hold is written as the hex of its UTF-8 bytes after {@code =}.
   */
  public String herald(String appId) {
    if (user != null) {
      String id = PLAIN_USER.matcher(user).matches() ? "-" + user : "=" + HexFormat.of().formatHex(user.getBytes(StandardCharsets.UTF_8));
      return namespace(appId) + ":#server-to-user" + id;
    }
    return (cache ? cacheNamespace(appId) : namespace(appId)) + ":" + name;
  }

  /**
   * The Pusher name of Herald channel {@code herald}, when it belongs to one of app {@code
   * appId}'s namespaces; else null.
   */
  public static String pusherName(String appId, String herald) {
    String plain = namespace(appId) + ":";
    String cached = cacheNamespace(appId) + ":";
    return herald.startsWith(plain) || herald.startsWith(cached) ? pusherName(herald) : null;
  }

  /**
   * The Pusher name of a Herald channel of any app ({@code pusher.<id>[.cache]:name}): the part
   * after the first {@code :}.
   */
  public static String pusherName(String herald) {
    String name = herald.substring(herald.indexOf(':') + 1);
    if (name.startsWith(HEX_USER)) {
      try {
        return SERVER_TO_USER + new String(
            HexFormat.of().parseHex(name.substring(HEX_USER.length())), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return name;
      }
    }
    return name;
  }
}
