package io.herald.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's subscriptions by full channel name: the only subscription itself while there is
 * one (most connections), a map from the second. A map per connection cost about 100 bytes of
 * every idle connection. Not thread-safe (the session's loop only).
 */
final class SubscriptionsByChannel {

  // null, a Subscription, or a HashMap<String, Subscription> of two or more.
  private Object entries;

  /** Adds or replaces the subscription to {@code sub}'s channel. */
  void put(Subscription sub) {
    String channel = sub.channel().full();
    if (entries == null) {
      entries = sub;
    } else if (entries instanceof Subscription one) {
      if (one.channel().full().equals(channel)) {
        entries = sub;
      } else {
        Map<String, Subscription> map = new HashMap<>(4);
        map.put(one.channel().full(), one);
        map.put(channel, sub);
        entries = map;
      }
    } else {
      map().put(channel, sub);
    }
  }

  /** The subscription to {@code channel}, or null. */
  Subscription get(String channel) {
    if (entries instanceof Subscription one) {
      return one.channel().full().equals(channel) ? one : null;
    }
    return entries == null ? null : map().get(channel);
  }

  /** Removes the subscription to {@code channel}; returns it, or null. */
  Subscription remove(String channel) {
    Subscription sub = get(channel);
    if (sub != null) {
      removeFound(channel);
    }
    return sub;
  }

  /** Removes {@code sub} if it is the subscription to its channel; true when it was. */
  boolean remove(Subscription sub) {
    String channel = sub.channel().full();
    if (get(channel) != sub) {
      return false;
    }
    removeFound(channel);
    return true;
  }

  private void removeFound(String channel) {
    if (entries instanceof Subscription) {
      entries = null;
      return;
    }
    Map<String, Subscription> map = map();
    map.remove(channel);
    if (map.size() == 1) {
      entries = map.values().iterator().next();
    }
  }

  int size() {
    return entries == null ? 0 : entries instanceof Subscription ? 1 : map().size();
  }

  /** The subscriptions (a snapshot). */
  Collection<Subscription> values() {
    if (entries instanceof Subscription one) {
      return List.of(one);
    }
    return entries == null ? List.of() : new ArrayList<>(map().values());
  }

  /** The channel names (a snapshot). */
  List<String> channels() {
    if (entries instanceof Subscription one) {
      return List.of(one.channel().full());
    }
    return entries == null ? List.of() : List.copyOf(map().keySet());
  }

  void clear() {
    entries = null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Subscription> map() {
    return (Map<String, Subscription>) entries;
  }
}
