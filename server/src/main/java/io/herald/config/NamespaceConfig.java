package io.herald.config;

import java.time.Duration;

/**
 * Options shared by the channels of one namespace ({@code ns:name}); {@code name} is empty for the
 * default namespace. Every permission defaults to false: a namespace allows nothing until it says
 * so. A private channel ({@code $} prefix) needs a subscription token whatever these say; a
 * user-limited channel ({@code name#u1,u2}) lets its listed users subscribe when
 * {@code allowUserLimitedChannels} is true.
 *
 * @param name namespace name: letters, digits, {@code _ - .}; empty only for the default namespace
 * @param allowSubscribeForClient any authenticated client may subscribe
 * @param allowSubscribeForAnonymous anonymous clients may subscribe too
 * @param allowPublishForSubscriber a client subscribed to the channel may publish to it
 * @param allowPublishForClient any authenticated client may publish, subscribed or not
 * @param allowPublishForAnonymous anonymous clients may publish too (with one of the above)
 * @param allowUserLimitedChannels channels {@code name#u1,u2} are open to the users they list
 * @param allowHistoryForSubscriber a subscriber may read the channel's history
 * @param allowHistoryForClient any authenticated client may read the channel's history
 * @param allowPresenceForSubscriber a subscriber may read the channel's presence
 * @param allowPresenceForClient any authenticated client may read the channel's presence
 * @param historySize publications kept per channel; 0 keeps none
 * @param historyTtl how long kept publications live; 0 keeps none
 * @param presence whether the namespace tracks who is subscribed
 * @param joinLeave whether subscribers are told of joins and leaves
 */
public record NamespaceConfig(
    String name,
    boolean allowSubscribeForClient,
    boolean allowSubscribeForAnonymous,
    boolean allowPublishForSubscriber,
    boolean allowPublishForClient,
    boolean allowPublishForAnonymous,
    boolean allowUserLimitedChannels,
    boolean allowHistoryForSubscriber,
    boolean allowHistoryForClient,
    boolean allowPresenceForSubscriber,
    boolean allowPresenceForClient,
    int historySize,
    Duration historyTtl,
    boolean presence,
    boolean joinLeave) {

  /** A namespace named {@code name} with every default (nothing allowed, nothing kept). */
  public static NamespaceConfig defaults(String name) {
    return new NamespaceConfig(
        name, false, false, false, false, false, false, false, false, false, false, 0,
        Duration.ZERO, false, false);
  }

  /** A namespace named {@code name} where every client, anonymous too, may do everything. */
  public static NamespaceConfig permissive(String name) {
    return new NamespaceConfig(
        name, true, true, true, true, true, true, true, true, true, true, 0, Duration.ZERO,
        false, false);
  }
}
