package io.herald.engine.redis;

/**
 * Names of the Redis keys and pub/sub channels of one Herald cluster, all starting with the
 * configured prefix. The keys of one channel share the hash tag {@code {<channel>}}, so that a
 * Lua script touching several of them runs on one Redis Cluster slot:
 *
 * <ul>
 *   <li>{@code <prefix>:{<channel>}:s} the history stream (entry ids {@code <offset>-0});
 *   <li>{@code <prefix>:{<channel>}:m} the stream meta hash: {@code e} epoch, {@code o} top offset;
 *   <li>{@code <prefix>:{<channel>}:i:<key>} a remembered idempotency key;
 *   <li>{@code <prefix>:{<channel>}:p} presence entries (hash), {@code :z} their expiry times;
 *   <li>pub/sub channel {@code <prefix>:c:<channel>}, and {@code <prefix>:control} for control
 *       messages between nodes.
 * </ul>
 *
 * Immutable.
 */
final class RedisKeys {

  private final String prefix;
  private final String pubSubPrefix;
  private final String control;

  RedisKeys(String prefix) {
    this.prefix = prefix;
    this.pubSubPrefix = prefix + ":c:";
    this.control = prefix + ":control";
  }

  private String base(String channel) {
    return prefix + ":{" + channel + "}:";
  }

  String stream(String channel) {
    return base(channel) + "s";
  }

  String meta(String channel) {
    return base(channel) + "m";
  }

  /** The key remembering {@code key}; with a null key, a placeholder in the channel's slot. */
  String idempotency(String channel, String key) {
    return base(channel) + "i:" + (key == null ? "" : key);
  }

  String presence(String channel) {
    return base(channel) + "p";
  }

  String presenceExpiry(String channel) {
    return base(channel) + "z";
  }

  /** The pub/sub channel carrying {@code channel}'s publications, joins and leaves. */
  String pubSub(String channel) {
    return pubSubPrefix + channel;
  }

  /** The Herald channel of pub/sub channel {@code name}, or null when it is not one of ours. */
  String channelOf(String name) {
    return name.startsWith(pubSubPrefix) ? name.substring(pubSubPrefix.length()) : null;
  }

  /** The pub/sub channel of control messages. */
  String control() {
    return control;
  }
}
