package io.herald.node;

import io.herald.engine.NodeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other nodes of the cluster this node has heard from: each announces itself every {@link
 * #ANNOUNCE_INTERVAL} and is forgotten when silent for {@link #EXPIRY} or when it says it leaves.
 * A node that cannot reach the broker is thus dropped from {@code info} within seconds. Thread-safe.
 */
final class ClusterNodes {

  /** How often every node announces itself. */
  static final Duration ANNOUNCE_INTERVAL = Duration.ofSeconds(3);

  /** Silence after which a node counts as gone: three missed announcements and a second. */
  static final Duration EXPIRY = ANNOUNCE_INTERVAL.multipliedBy(3).plusSeconds(1);

  private record Seen(NodeInfo info, long atMillis) {}

  private final Map<String, Seen> nodes = new ConcurrentHashMap<>();

  /**
   * {@code info}'s node is alive at {@code nowMillis}.
   *
   * @return true when this node had not heard of it (or had forgotten it)
   */
  boolean alive(NodeInfo info, long nowMillis) {
    return nodes.put(info.uid(), new Seen(info, nowMillis)) == null;
  }

  /** The node {@code uid} left. */
  void left(String uid) {
    nodes.remove(uid);
  }

  /**
   * Nodes heard from within {@link #EXPIRY} of {@code nowMillis}, by name; forgets the others.
   */
  List<NodeInfo> live(long nowMillis) {
    long oldest = nowMillis - EXPIRY.toMillis();
    nodes.values().removeIf(seen -> seen.atMillis() < oldest);
    List<NodeInfo> out = new ArrayList<>();
    nodes.values().forEach(seen -> out.add(seen.info()));
    out.sort(Comparator.comparing(NodeInfo::name).thenComparing(NodeInfo::uid));
    return out;
  }
}
