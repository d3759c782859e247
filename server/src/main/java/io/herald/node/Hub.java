package io.herald.node;

import io.herald.engine.ClientInfo;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.SessionLoop;

import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This node's subscribers, by channel and then by session loop.
 *
 * <p>Fan-out hands each loop one task per publication, which writes the one shared frame to every
 * subscriber on that loop: with 100,000 subscribers on 2 loops a publication costs 2 tasks, not
 * 100,000. A loop's member set is touched only on that loop (subscribe, unsubscribe and delivery
 * all run there), so it needs no lock; only the channel and loop maps are concurrent.
 */
final class Hub {

  private final ConcurrentHashMap<String, ChannelSubscribers> channels = new ConcurrentHashMap<>();

  /**
   * Adds {@code sub} to its channel; call on its session's loop. When the channel had no
   * subscriber on this node, {@code whenFirst} runs under the channel's lock, so that it is
   * ordered with the {@code whenLast} of {@link #remove} on any other loop (the broker sees
   * subscribe and unsubscribe of a channel in the order the hub changed); it must only start
   * work (e.g. a non-blocking broker call), never wait.
   *
   * @return the stage {@code whenFirst} returned for the channel's current entry: completes when
   *     the broker confirmed the channel, for the first subscriber and every later one alike
   */
  CompletionStage<Void> add(Subscription sub, Supplier<CompletionStage<Void>> whenFirst) {
    String channel = sub.channel().full();
    SessionLoop loop = sub.session().loop();
    int protocol = sub.session().protocolIndex();
    LoopGroup[] group = {null};
    ChannelSubscribers entry = channels.compute(
        channel,
        (name, subs) -> {
          if (subs == null) {
            subs = new ChannelSubscribers(whenFirst.get());
          }
          subs.count++;
          subs.added(protocol);
          group[0] = subs.groupFor(loop);
          return subs;
        });
    group[0].add(sub);
    // Every subscriber waits for the broker's confirmation, not only the first: one that
    // joins while the broker subscribe is in flight must not be answered before it, and one
    // that failed fails them all (each then leaves, and the last removes the channel).
    return entry.confirmed;
  }

  /**
   * Removes {@code sub} from its channel; call on its session's loop. When no subscriber is
   * left on this node, {@code whenLast} runs under the channel's lock (see {@link #add}).
   */
  void remove(Subscription sub, Runnable whenLast) {
    SessionLoop loop = sub.session().loop();
    channels.computeIfPresent(
        sub.channel().full(),
        (name, subs) -> {
          LoopGroup group = subs.group(loop);
          if (group == null || !group.remove(sub)) {
            return subs;
          }
          if (group.isEmpty()) {
            subs.removeGroup(group);
          }
          subs.removed(sub.session().protocolIndex());
          if (--subs.count == 0) {
            whenLast.run();
            return null;
          }
          return subs;
        });
  }

  /** True when {@code channel} has a subscriber on this node. */
  boolean has(String channel) {
    return channels.containsKey(channel);
  }

  /**
   * Hands a publication to every subscriber of {@code channel}: encodes it once per protocol
   * present among them ({@link Encoded#prepare}), then one task per loop writes the shared frame
   * of each member's protocol to it and reports the loop's deliveries to {@code metrics} once.
   * Callable from any thread.
   *
   * @param publication the publication {@code frames} encodes (for its offset and epoch)
   * @param namespace the channel's namespace, the metrics label
   * @param receivedAt {@link System#nanoTime()} when the node received the publication
   */
  void fanOut(
      String channel,
      Publication publication,
      Encoded frames,
      NodeMetrics metrics,
      String namespace,
      long receivedAt) {
    ChannelSubscribers subs = channels.get(channel);
    if (subs == null) {
      return;
    }
    frames.prepare(subs.present);
    for (LoopGroup group : subs.groups) {
      group.loop.execute(() -> group.deliver(publication, frames, metrics, namespace, receivedAt));
    }
  }

  /**
   * Makes every subscriber of {@code channel} that is behind {@code position} or on another epoch
   * recover ({@link Subscription#checkPosition}); one task per loop. Callable from any thread.
   */
  void checkPosition(String channel, StreamPosition position) {
    ChannelSubscribers subs = channels.get(channel);
    if (subs == null) {
      return;
    }
    for (LoopGroup group : subs.groups) {
      group.loop.execute(() -> group.forEach(sub -> sub.checkPosition(position)));
    }
  }

  /** Subscriptions on this node: the sum of every channel's subscriber count. */
  long subscriptionCount() {
    long total = 0;
    for (ChannelSubscribers subs : channels.values()) {
      total += subs.count;
    }
    return total;
  }

  /** Hands a join or leave to the subscribers of {@code channel} that want it. */
  void fanOutJoinLeave(String channel, Encoded frames, ClientInfo info, boolean joined) {
    ChannelSubscribers subs = channels.get(channel);
    if (subs == null) {
      return;
    }
    frames.prepare(subs.present);
    for (LoopGroup group : subs.groups) {
      group.loop.execute(() -> group.deliverJoinLeave(frames, info, joined));
    }
  }

  /** Subscriber counts by channel (a snapshot). */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new HashMap<>();
    channels.forEach((name, subs) -> out.put(name, subs.count));
    return out;
  }

  /** Number of channels with a subscriber on this node. */
  int channelCount() {
    return channels.size();
  }

  private static final class ChannelSubscribers {
    private static final LoopGroup[] NO_GROUPS = {};

    // One group per loop with members, copied on change (a handful of loops; most channels, a
    // user's own above all, have one subscriber): replaced only under the channel map's lock
    // (compute), read by fan-out from any thread. A map per channel cost about 120 bytes.
    volatile LoopGroup[] groups = NO_GROUPS;
    // Subscribers on this node; changed only under the channel map's lock.
    volatile int count;
    // The broker subscribe of this entry; set once, under the channel map's lock.
    final CompletionStage<Void> confirmed;
    // Subscribers per protocol index, and the bit set of the protocols with any; changed only
    // under the channel map's lock (compute), read by fan-out on the broker's thread.
    private int[] perProtocol = new int[1];
    volatile int present;

    ChannelSubscribers(CompletionStage<Void> confirmed) {
      this.confirmed = confirmed;
    }

    /** The group of {@code loop}, or null; under the channel map's lock. */
    LoopGroup group(SessionLoop loop) {
      for (LoopGroup g : groups) {
        if (g.loop.equals(loop)) {
          return g;
        }
      }
      return null;
    }

    /** The group of {@code loop}, added when missing; under the channel map's lock. */
    LoopGroup groupFor(SessionLoop loop) {
      LoopGroup g = group(loop);
      if (g == null) {
        g = new LoopGroup(loop);
        LoopGroup[] more = Arrays.copyOf(groups, groups.length + 1);
        more[more.length - 1] = g;
        groups = more;
      }
      return g;
    }

    /** Drops {@code group}; under the channel map's lock. */
    void removeGroup(LoopGroup group) {
      LoopGroup[] now = groups;
      LoopGroup[] fewer = new LoopGroup[now.length - 1];
      int i = 0;
      for (LoopGroup g : now) {
        if (g != group) {
          fewer[i++] = g;
        }
      }
      groups = fewer;
    }

    void added(int protocol) {
      if (protocol >= perProtocol.length) {
        perProtocol = Arrays.copyOf(perProtocol, protocol + 1);
      }
      if (perProtocol[protocol]++ == 0) {
        present |= 1 << protocol;
      }
    }

    void removed(int protocol) {
      if (--perProtocol[protocol] == 0) {
        present &= ~(1 << protocol);
      }
    }
  }

  /**
   * The subscribers of one channel on one loop, confined to that loop: the one member itself
   * while there is one (most channels), a set from the second.
   */
  private static final class LoopGroup {
    final SessionLoop loop;
    // null, a Subscription, or a LinkedHashSet<Subscription> of two or more.
    private Object members;

    LoopGroup(SessionLoop loop) {
      this.loop = loop;
    }

    void add(Subscription sub) {
      if (members == null) {
        members = sub;
      } else if (members instanceof Subscription one) {
        if (one != sub) {
          Set<Subscription> set = new LinkedHashSet<>(4);
          set.add(one);
          set.add(sub);
          members = set;
        }
      } else {
        set().add(sub);
      }
    }

    /** Removes {@code sub}; false when it was no member. */
    boolean remove(Subscription sub) {
      if (members == sub) {
        members = null;
        return true;
      }
      if (!(members instanceof Set<?>) || !set().remove(sub)) {
        return false;
      }
      if (set().size() == 1) {
        members = set().iterator().next();
      }
      return true;
    }

    boolean isEmpty() {
      return members == null;
    }

    void forEach(Consumer<Subscription> action) {
      if (members instanceof Subscription one) {
        action.accept(one);
      } else if (members != null) {
        set().forEach(action);
      }
    }

    @SuppressWarnings("unchecked")
    private Set<Subscription> set() {
      return (Set<Subscription>) members;
    }

    /**
     * Writes the publication's frame of each member's protocol to it, then reports how many
     * members it was written to now.
     */
    void deliver(
        Publication publication, Encoded frames, NodeMetrics metrics, String namespace,
        long receivedAt) {
      // A member's deliver never removes members synchronously (a slow disconnect or a
      // resubscribe request is deferred to a later task), so iterating the live set is safe.
      int written = 0;
      long bytes = 0;
      if (members instanceof Subscription one) {
        Frame frame = frames.frame(one.session().protocolIndex());
        if (frame != null && one.deliverPublication(publication, frame)) {
          written = 1;
          bytes = frame.size();
        }
      } else if (members != null) {
        for (Subscription sub : set()) {
          Frame frame = frames.frame(sub.session().protocolIndex());
          if (frame != null && sub.deliverPublication(publication, frame)) {
            written++;
            bytes += frame.size();
          }
        }
      }
      metrics.delivered(namespace, written, written == 0 ? 0 : (int) (bytes / written),
          System.nanoTime() - receivedAt);
    }

    void deliverJoinLeave(Encoded frames, ClientInfo info, boolean joined) {
      forEach(sub -> {
        sub.presenceChanged(info, joined);
        Frame frame = frames.frame(sub.session().protocolIndex());
        if (frame != null) {
          sub.deliverJoinLeave(frame);
        }
      });
    }
  }
}
