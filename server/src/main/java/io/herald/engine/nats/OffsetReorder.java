package io.herald.engine.nats;

import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts publications of channels with history back into offset order before the node sees them.
 * NATS orders messages per publisher, so when two nodes publish to one channel at once, offset 6
 * may arrive before 5. A publication that skips offsets is held for at most {@code window},
 * waiting for the ones before it; they are handed over in order as soon as the gap is filled.
 * When the window passes first, what is held is handed over anyway and the node sees the gap
 * (its subscribers recover from history). Publications in order, without history (offset 0),
 * joins and leaves pass straight through; so does everything when {@code window} is zero.
 *
 * <p>State is kept per channel between {@link #track} and {@link #forget}. Where the stream stood
 * when the subscription was confirmed ({@link #baseline}) sets the first offset expected; until
 * it is known, publications are held. Without a baseline, the first publication seen of a channel
 * (or of a new epoch) sets where it expects the next. Thread-safe:
 * a channel's state is guarded by its own lock, which is also held while handing its
 * publications over, so the node never gets a channel's publications concurrently.
 */
final class OffsetReorder implements BrokerEventHandler {

  private final BrokerEventHandler node;
  private final long windowNanos;
  private final ScheduledExecutorService timer;
  private final Map<String, ChannelOrder> channels = new ConcurrentHashMap<>();

  private static final class ChannelOrder {
    boolean awaitingBaseline = true;
    /** The stream did not exist at the baseline: the first epoch seen starts at offset 1. */
    boolean startsFresh;
    String epoch;
    long last;
    final TreeMap<Long, Publication> held = new TreeMap<>();
    ScheduledFuture<?> deadline;
  }

  OffsetReorder(BrokerEventHandler node, Duration window, ScheduledExecutorService timer) {
    this.node = node;
    this.windowNanos = window.toNanos();
    this.timer = timer;
  }

  /**
   * Starts keeping order for {@code channel}. Until {@link #baseline} says where the stream
   * stood, its publications are held (at most the window).
   */
  void track(String channel) {
    if (windowNanos > 0) {
      channels.putIfAbsent(channel, new ChannelOrder());
    }
  }

  /**
   * Where {@code channel}'s stream stood once this node's subscription was confirmed: the next
   * publication expected is the one after {@code position}; {@link StreamPosition#NONE} when the
   * stream did not exist (its first publication, offset 1, is expected next).
   */
  void baseline(String channel, StreamPosition position) {
    baseline(channel, position, true);
  }

  /** The position could not be read: the first publication seen sets where order starts. */
  void baselineUnknown(String channel) {
    baseline(channel, StreamPosition.NONE, false);
  }

  private void baseline(String channel, StreamPosition position, boolean known) {
    ChannelOrder order = channels.get(channel);
    if (order == null) {
      return;
    }
    synchronized (order) {
      if (!order.awaitingBaseline) {
        return;
      }
      order.awaitingBaseline = false;
      if (!position.isNone() && order.epoch == null) {
        order.epoch = position.epoch();
        order.last = position.offset();
      } else if (known && order.epoch == null) {
        order.startsFresh = true;
      }
      List<Publication> waiting = new ArrayList<>(order.held.values());
      order.held.clear();
      cancelDeadline(order);
      waiting.forEach(p -> inOrder(channel, order, p));
    }
  }

  /** Stops keeping order for {@code channel}; what is held is handed over. */
  void forget(String channel) {
    ChannelOrder order = channels.remove(channel);
    if (order != null) {
      synchronized (order) {
        release(channel, order);
      }
    }
  }

  /**
   * After a reconnect: hands over what is held and expects the publication after {@code
   * position} next ({@link StreamPosition#NONE}: whatever comes first).
   */
  void reset(String channel, StreamPosition position) {
    ChannelOrder order = channels.get(channel);
    if (order == null) {
      return;
    }
    synchronized (order) {
      release(channel, order);
      order.awaitingBaseline = false;
      order.startsFresh = false;
      if (position.isNone()) {
        order.epoch = null;
      } else if (!position.epoch().equals(order.epoch)) {
        order.epoch = position.epoch();
        order.last = position.offset();
      } else {
        order.last = Math.max(order.last, position.offset());
      }
    }
  }

  @Override
  public void onPublication(String channel, Publication p) {
    ChannelOrder order = p.offset() == 0 ? null : channels.get(channel);
    if (order == null) {
      node.onPublication(channel, p);
      return;
    }
    synchronized (order) {
      if (order.awaitingBaseline) {
        hold(channel, order, p);
      } else {
        inOrder(channel, order, p);
      }
    }
  }

  /** Hands {@code p} over now or holds it until the offsets before it came. Hold the lock. */
  private void inOrder(String channel, ChannelOrder order, Publication p) {
    if (order.startsFresh && order.epoch == null) {
      order.startsFresh = false;
      order.epoch = p.epoch();
      order.last = 0;
    }
    if (!p.epoch().equals(order.epoch)) {
      release(channel, order);
      order.epoch = p.epoch();
      order.last = p.offset();
      node.onPublication(channel, p);
    } else if (p.offset() <= order.last + 1) {
      order.last = Math.max(order.last, p.offset());
      node.onPublication(channel, p);
      drainInOrder(channel, order);
    } else {
      hold(channel, order, p);
    }
  }

  private void hold(String channel, ChannelOrder order, Publication p) {
    order.held.put(p.offset(), p);
    if (order.deadline == null) {
      order.deadline = timer.schedule(
          () -> expire(channel, order), windowNanos, TimeUnit.NANOSECONDS);
    }
  }

  private static void cancelDeadline(ChannelOrder order) {
    if (order.deadline != null) {
      order.deadline.cancel(false);
      order.deadline = null;
    }
  }

  private void drainInOrder(String channel, ChannelOrder order) {
    while (!order.held.isEmpty() && order.held.firstKey() == order.last + 1) {
      order.last++;
      node.onPublication(channel, order.held.pollFirstEntry().getValue());
    }
    if (order.held.isEmpty()) {
      cancelDeadline(order);
    }
  }

  private void expire(String channel, ChannelOrder order) {
    synchronized (order) {
      order.deadline = null;
      order.awaitingBaseline = false;
      release(channel, order);
    }
  }

  /** Hands over everything held, in offset order. Hold the lock. */
  private void release(String channel, ChannelOrder order) {
    cancelDeadline(order);
    while (!order.held.isEmpty()) {
      Publication p = order.held.pollFirstEntry().getValue();
      if (!p.epoch().equals(order.epoch)) {
        order.epoch = p.epoch();
        order.last = p.offset();
      }
      order.last = Math.max(order.last, p.offset());
      node.onPublication(channel, p);
    }
  }

  @Override
  public void onJoin(String channel, ClientInfo info) {
    node.onJoin(channel, info);
  }

  @Override
  public void onLeave(String channel, ClientInfo info) {
    node.onLeave(channel, info);
  }

  @Override
  public void onControl(ControlMessage message) {
    node.onControl(message);
  }

  @Override
  public void onPositionCheck(String channel, StreamPosition position) {
    reset(channel, position);
    node.onPositionCheck(channel, position);
  }
}
