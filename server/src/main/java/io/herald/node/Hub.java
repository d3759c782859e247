package io.herald.node;

import io.herald.engine.ClientInfo;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.SessionLoop;

import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
            subs = new ChannelSubscribers();
            subs.confirmed = whenFirst.get();
          }
          subs.count.incrementAndGet();
          subs.added(protocol);
          group[0] = subs.groups.computeIfAbsent(loop, LoopGroup::new);
          return subs;
        });
    group[0].members.add(sub);
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
          LoopGroup group = subs.groups.get(loop);
          if (group == null || !group.members.remove(sub)) {
            return subs;
          }
          if (group.members.isEmpty()) {
            subs.groups.remove(loop);
          }
          subs.removed(sub.session().protocolIndex());
          if (subs.count.decrementAndGet() == 0) {
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
    for (LoopGroup group : subs.groups.values()) {
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
    for (LoopGroup group : subs.groups.values()) {
      group.loop.execute(() -> group.members.forEach(sub -> sub.checkPosition(position)));
    }
  }

  /** Subscriptions on this node: the sum of every channel's subscriber count. */
  long subscriptionCount() {
    long total = 0;
    for (ChannelSubscribers subs : channels.values()) {
      total += subs.count.get();
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
    for (LoopGroup group : subs.groups.values()) {
      group.loop.execute(() -> group.deliverJoinLeave(frames, info, joined));
    }
  }

  /** Subscriber counts by channel (a snapshot). */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new HashMap<>();
    channels.forEach((name, subs) -> out.put(name, subs.count.get()));
    return out;
  }

  /** Number of channels with a subscriber on this node. */
  int channelCount() {
    return channels.size();
  }

  private static final class ChannelSubscribers {
    // Sized for the common case of one loop: many channels (a user's own) have one subscriber.
    final ConcurrentHashMap<SessionLoop, LoopGroup> groups = new ConcurrentHashMap<>(1);
    final AtomicInteger count = new AtomicInteger();
    // The broker subscribe of this entry; set once, under the channel map's lock.
    volatile CompletionStage<Void> confirmed = CompletableFuture.completedFuture(null);
    // Subscribers per protocol index, and the bit set of the protocols with any; changed only
    // under the channel map's lock (compute), read by fan-out on the broker's thread.
    private int[] perProtocol = new int[1];
    volatile int present;

    void added(int protocol) {
      if (protocol >= perProtocol.length) {
        perProtocol = java.util.Arrays.copyOf(perProtocol, protocol + 1);
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

  /** The subscribers of one channel on one loop; {@link #members} is confined to that loop. */
  private static final class LoopGroup {
    final SessionLoop loop;
    final Set<Subscription> members = new LinkedHashSet<>(2); // grows as members come

    LoopGroup(SessionLoop loop) {
      this.loop = loop;
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
      for (Subscription sub : members) {
        Frame frame = frames.frame(sub.session().protocolIndex());
        if (frame != null && sub.deliverPublication(publication, frame)) {
          written++;
          bytes += frame.size();
        }
      }
      metrics.delivered(namespace, written, written == 0 ? 0 : (int) (bytes / written),
          System.nanoTime() - receivedAt);
    }

    void deliverJoinLeave(Encoded frames, ClientInfo info, boolean joined) {
      for (Subscription sub : members) {
        sub.presenceChanged(info, joined);
        Frame frame = frames.frame(sub.session().protocolIndex());
        if (frame != null) {
          sub.deliverJoinLeave(frame);
        }
      }
    }
  }
}
