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
 * @param historyMetaTtl how long a channel's epoch and top offset outlive its last publication, so
 *     that a client returning after the data expired is told it cannot recover; default 30 days
 * @param readMetaTtl how long the epoch and top offset that a read ({@code subscribe}, {@code
 *     history}) creates for a channel never published to live, or {@code historyMetaTtl} when
 *     shorter; a publication gives the stream {@code historyMetaTtl}. Short, so that reads of
 *     made-up channel names leave nothing lasting in the engine; default 1 minute
 * @param presence whether the namespace tracks who is subscribed
 * @param presenceTtl how long a presence entry lives unless its node refreshes it (a node that
 *     died leaves presence within this time); default 60s
 * @param joinLeave every subscriber is told of joins and leaves
 * @param allowJoinLeaveForSubscriber a subscriber that asks with {@code joinLeave: true} in
 *     {@code subscribe} is told of joins and leaves
 * @param idempotencyWindow how long a publish's {@code idempotencyKey} is remembered; a repeat
 *     within it delivers nothing and returns the first result; default 5 minutes
 * @param maxIdempotencyKeySize longest {@code idempotencyKey} a publish may carry, in UTF-8 bytes;
 *     a longer one is refused (-32602, HTTP 400 on the server API); default 256
 * @param publishProxy client publishes are sent to {@code proxy.publish} first, which allows,
 *     refuses or replaces the data; it decides instead of the {@code allowPublishFor*} flags
 * @param subscribeProxy client subscribes to plain channels are sent to {@code proxy.subscribe}
 *     first; it decides instead of the {@code allowSubscribeFor*} flags
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
    Duration historyMetaTtl,
    Duration readMetaTtl,
    boolean presence,
    Duration presenceTtl,
    boolean joinLeave,
    boolean allowJoinLeaveForSubscriber,
    Duration idempotencyWindow,
    int maxIdempotencyKeySize,
    boolean publishProxy,
    boolean subscribeProxy) {

  /** The same namespace with the publish and subscribe proxies switched as given. */
  public NamespaceConfig withProxies(boolean publish, boolean subscribe) {
    return with("publishProxy", publish).with("subscribeProxy", subscribe);
  }

  /** Default of {@link #historyMetaTtl}. */
  public static final Duration DEFAULT_HISTORY_META_TTL = Duration.ofDays(30);

  /** Default of {@link #readMetaTtl}. */
  public static final Duration DEFAULT_READ_META_TTL = Duration.ofMinutes(1);

  /** Default of {@link #maxIdempotencyKeySize}, in bytes. */
  public static final int DEFAULT_MAX_IDEMPOTENCY_KEY_SIZE = 256;

  /** Default of {@link #presenceTtl}. */
  public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(60);

  /** Default of {@link #idempotencyWindow}. */
  public static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofMinutes(5);

  /** A namespace named {@code name} with every default (nothing allowed, nothing kept). */
  public static NamespaceConfig defaults(String name) {
    return new NamespaceConfig(
        name, false, false, false, false, false, false, false, false, false, false, 0,
        Duration.ZERO, DEFAULT_HISTORY_META_TTL, DEFAULT_READ_META_TTL, false,
        DEFAULT_PRESENCE_TTL, false, false, DEFAULT_IDEMPOTENCY_WINDOW,
        DEFAULT_MAX_IDEMPOTENCY_KEY_SIZE, false, false);
  }

  /** A namespace named {@code name} where every client, anonymous too, may do everything. */
  public static NamespaceConfig permissive(String name) {
    return new NamespaceConfig(
        name, true, true, true, true, true, true, true, true, true, true, 0, Duration.ZERO,
        DEFAULT_HISTORY_META_TTL, DEFAULT_READ_META_TTL, false, DEFAULT_PRESENCE_TTL, false,
        true, DEFAULT_IDEMPOTENCY_WINDOW, DEFAULT_MAX_IDEMPOTENCY_KEY_SIZE, false, false);
  }

  /**
   * A copy with one option changed, e.g. {@code ns.with("historySize", 100)}.
   *
   * @throws IllegalArgumentException when {@code option} is not a component of this record
   */
  public NamespaceConfig with(String option, Object value) {
    if (!Records.names(NamespaceConfig.class).contains(option)) {
      throw new IllegalArgumentException("no namespace option " + option);
    }
    return Records.with(this, new String[] {option}, 0, value);
  }

  /** True when the namespace keeps history (both size and TTL are positive). */
  public boolean keepsHistory() {
    return historySize > 0 && historyTtl.isPositive();
  }

  /** True when join and leave events are sent for the namespace's channels. */
  public boolean emitsJoinLeave() {
    return joinLeave || allowJoinLeaveForSubscriber;
  }
}
