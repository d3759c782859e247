package io.herald.node;

import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;

import java.util.Set;

/**
 * A parsed channel name: {@code [$][namespace:]name[#user1,user2]}.
 *
 * <ul>
 *   <li>a leading {@code $} marks a private channel: subscribing needs a subscription token;
 *   <li>the part before the first {@code :} names the namespace (none: the default namespace);
 *   <li>{@code #u1,u2} at the end limits the channel to those users.
 * </ul>
 *
 * Names are at most {@value #MAX_LENGTH} characters of letters, digits and {@code _ - = @ . , ; : #
 * $ / +}; anything else is a bad request (107).
 *
 * @param full the channel as given
 * @param namespace namespace name, {@code ""} for the default namespace
 * @param isPrivate whether it starts with {@code $}
 * @param users users the channel is limited to; empty when not user-limited
 */
public record ChannelName(String full, String namespace, boolean isPrivate, Set<String> users) {

  /** Longest accepted channel name. */
  public static final int MAX_LENGTH = 255;

  /**
   * Parses {@code channel}.
   *
   * @throws RpcException 107 when it is empty, too long or has illegal characters
   */
  public static ChannelName parse(String channel) {
    if (channel == null || channel.isEmpty()) {
      throw RpcError.BAD_REQUEST.withMessage("channel is empty").exception();
    }
    if (channel.length() > MAX_LENGTH) {
      throw RpcError.BAD_REQUEST
          .withMessage("channel is longer than " + MAX_LENGTH + " characters")
          .exception();
    }
    for (int i = 0; i < channel.length(); i++) {
      if (!legal(channel.charAt(i))) {
        throw RpcError.BAD_REQUEST.withMessage("channel has an illegal character").exception();
      }
    }
    boolean isPrivate = channel.charAt(0) == '$';
    String body = isPrivate ? channel.substring(1) : channel;
    int colon = body.indexOf(':');
    String namespace = colon < 0 ? "" : body.substring(0, colon);
    int hash = body.lastIndexOf('#');
    Set<String> users = Set.of();
    if (hash >= 0) {
      String list = body.substring(hash + 1);
      if (list.isEmpty()) {
        throw RpcError.BAD_REQUEST.withMessage("channel has an empty user list").exception();
      }
      users = Set.of(list.split(",", -1)).stream().filter(u -> !u.isEmpty()).collect(
          java.util.stream.Collectors.toUnmodifiableSet());
    }
    return new ChannelName(channel, namespace, isPrivate, users);
  }

  /** True when the channel is limited to the users after {@code #}. */
  public boolean userLimited() {
    return !users.isEmpty();
  }

  private static boolean legal(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_-=@.,;:#$/+".indexOf(c) >= 0;
  }
}
