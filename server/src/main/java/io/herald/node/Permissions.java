package io.herald.node;

import io.herald.config.NamespaceConfig;

/**
 * Namespace permission rules, in one place. Anonymous means the user id is empty. A private or
 * user-limited channel is decided elsewhere (subscription token, user list); these rules are for
 * the plain case.
 */
final class Permissions {

  private Permissions() {}

  /** Whether a client of {@code user} may subscribe to a plain channel of {@code ns}. */
  static boolean maySubscribe(NamespaceConfig ns, String user) {
    return user.isEmpty() ? ns.allowSubscribeForAnonymous() : ns.allowSubscribeForClient();
  }

  /**
   * Whether a client of {@code user} may publish to {@code channel} of {@code ns}. A private
   * channel takes publications only from its subscribers (who showed a subscription token), a
   * user-limited one only from its users, whatever {@code allowPublishForClient} says.
   *
   * @param subscribed whether that client is subscribed to the channel
   */
  static boolean mayPublish(
      NamespaceConfig ns, ChannelName channel, String user, boolean subscribed) {
    if (user.isEmpty() && !ns.allowPublishForAnonymous()) {
      return false;
    }
    if (!restrictionsAllowPublish(channel, user, subscribed)) {
      return false;
    }
    return ns.allowPublishForClient() || (subscribed && ns.allowPublishForSubscriber());
  }

  /**
   * Whether a client may read history or presence of {@code channel}: as a subscriber when
   * {@code forSubscriber}, or as any authenticated client when {@code forClient}, except on a
   * private channel (subscribers only) or a user-limited one it is not listed in.
   */
  static boolean mayRead(
      boolean forSubscriber, boolean forClient, ChannelName channel, String user,
      boolean subscribed) {
    if (subscribed && forSubscriber) {
      return true;
    }
    if (!forClient || user.isEmpty() || channel.isPrivate()) {
      return false;
    }
    return !channel.userLimited() || channel.users().contains(user);
  }

  /**
   * The channel's own rules for publishing, whatever the namespace's flags (or its publish proxy)
   * say: a private channel only from its subscribers, a user-limited one only from its users.
   */
  static boolean restrictionsAllowPublish(ChannelName channel, String user, boolean subscribed) {
    if (channel.isPrivate() && !subscribed) {
      return false;
    }
    return !channel.userLimited() || channel.users().contains(user);
  }

  /** Whether {@code user} is one of the users a user-limited channel is open to. */
  static boolean userAllowed(NamespaceConfig ns, ChannelName channel, String user) {
    return ns.allowUserLimitedChannels() && !user.isEmpty() && channel.users().contains(user);
  }
}
