package io.herald.node;

import io.herald.node.protocol.Frame;

import io.herald.config.NamespaceConfig;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * One channel a session is subscribed to, and the member the hub delivers to. Confined to the
 * session's loop.
 *
 * <p>Positioning: on a channel with history, the subscription holds back what fan-out hands it
 * from the moment it joined the hub until the {@code subscribe} reply (with the channel's
 * position, and the recovered publications) has been written. {@link #flush} then writes only
 * what is newer than that position, so a publication racing the subscribe is neither lost nor
 * sent twice. Afterwards, a publication at or below the last offset sent is dropped, and one
 * that skips an offset or comes from another epoch (the stream was lost) unsubscribes the client
 * with 2500 (insufficient state), so that it resubscribes and recovers or learns it cannot: never
 * a silent gap.
 */
final class Subscription {

  private record Held(long offset, String epoch, Frame frame) {}

  private final ClientSession session;
  private final ChannelName channel;
  private final NamespaceConfig namespace;
  private final byte[] chanInfo;
  private final boolean joinLeave;
  private ClientInfo member;
  private List<Held> held;
  private long heldBytes;
  private long offset;
  private String epoch = "";
  // Written on the session's loop; read by join's continuations on the broker's threads.
  private volatile boolean removed;

  /**
   * @param joinLeave whether this subscriber receives join and leave notifications
   */
  Subscription(
      ClientSession session, ChannelName channel, NamespaceConfig namespace, byte[] chanInfo,
      boolean joinLeave) {
    this.session = session;
    this.channel = sharingNamespaceName(channel, namespace);
    this.namespace = namespace;
    this.chanInfo = chanInfo;
    this.joinLeave = joinLeave;
    if (namespace.keepsHistory()) {
      held = new ArrayList<>();
    }
  }

  /**
   * {@code channel} with the namespace config's own name string in place of the one parsed from
   * the channel name (equal text): a subscription keeps its channel for its lifetime, and the
   * parsed copy would be one more string per subscription (48 bytes).
   */
  private static ChannelName sharingNamespaceName(ChannelName channel, NamespaceConfig namespace) {
    String name = namespace.name();
    if (channel.namespace() == name || !channel.namespace().equals(name)) {
      return channel;
    }
    return new ChannelName(channel.full(), name, channel.isPrivate(), channel.users());
  }

  ClientSession session() {
    return session;
  }

  ChannelName channel() {
    return channel;
  }

  NamespaceConfig namespace() {
    return namespace;
  }

  /** Raw JSON {@code info} of the subscription token, or null. */
  byte[] chanInfo() {
    return chanInfo;
  }

  /** Who subscribed: for presence, joins and leaves. */
  ClientInfo clientInfo() {
    if (member != null) {
      return member;
    }
    return new ClientInfo(session.user(), session.id(), session.connInfo(), chanInfo);
  }

  /**
   * {@code publication} from fan-out, as {@code frame} in this session's protocol. A publication
   * the protocol keeps from this connection ({@link io.herald.node.protocol.Protocol#delivers})
   * still moves the position on, so it is never taken for a gap.
   *
   * @return true when the frame was written now
   */
  boolean deliverPublication(Publication publication, Frame frame) {
    Frame wanted = session.protocol().delivers(publication, session.id()) ? frame : null;
    return deliverPublication(publication.offset(), publication.epoch(), wanted);
  }

  /**
   * A publication frame from fan-out, or null for one to skip but count.
   *
   * @param offset its offset, 0 when the channel keeps no history
   * @param epoch the epoch of {@code offset}
   */
  private boolean deliverPublication(long offset, String epoch, Frame frame) {
    if (removed) {
      return false;
    }
    if (held != null) {
      hold(offset, epoch, frame);
      return false;
    }
    if (offset > 0) {
      boolean sameStream = epoch.equals(this.epoch);
      if (sameStream && offset <= this.offset) {
        return false;
      }
      if (!sameStream || offset != this.offset + 1) {
        removed = true;
        session.insufficientState(this);
        return false;
      }
      this.offset = offset;
    }
    return frame != null && session.deliver(frame);
  }

  /**
   * Makes {@code info} this subscriber's presence entry instead of the session's own (a protocol
   * adapter's member, such as a Pusher presence channel's {@code user_id} and {@code user_info});
   * set before the subscription joins the hub.
   */
  void member(ClientInfo info) {
    this.member = info;
  }

  /** A join or leave reached this subscriber: its protocol hears of it when it asked for them. */
  void presenceChanged(ClientInfo info, boolean joined) {
    if (joinLeave && !removed) {
      session.protocol().presence(session.id(), channel.full(), info, joined);
    }
  }

  /** A join or leave frame from fan-out. */
  void deliverJoinLeave(Frame frame) {
    if (!joinLeave) {
      return;
    }
    if (held != null) {
      hold(0, "", frame);
    } else {
      session.deliver(frame);
    }
  }

  private void hold(long offset, String epoch, Frame frame) {
    held.add(new Held(offset, epoch, frame));
    heldBytes += frame == null ? 0 : frame.size();
    if (heldBytes > session.limits().queueMaxSize()) {
      held.clear();
      session.tooSlow();
    }
  }

  /**
   * The broker may have missed publications: unless this subscriber has everything up to {@code
   * position} in the same epoch, unsubscribe it with 2500 so that it recovers. A subscriber
   * still waiting for its subscribe reply is left alone: its reply carries a fresher position.
   */
  void checkPosition(StreamPosition position) {
    if (removed || held != null || !namespace.keepsHistory()) {
      return;
    }
    if (!position.epoch().equals(epoch) || position.offset() > offset) {
      removed = true;
      session.insufficientState(this);
    }
  }

  /** The position the subscribe reply tells the client: later offsets are new to it. */
  void positioned(StreamPosition position) {
    this.offset = position.offset();
    this.epoch = position.epoch();
  }

  /** Writes what was held back that is newer than the position, then delivers live. */
  void flush() {
    List<Held> pending = held;
    held = null;
    heldBytes = 0;
    if (pending == null || removed) {
      return;
    }
    for (Held h : pending) {
      deliverPublication(h.offset(), h.epoch(), h.frame());
    }
  }

  /** The session left the channel: drop what is held, deliver nothing more. */
  void removed() {
    removed = true;
    held = null;
  }

  /** True once the session left the channel (unsubscribed, disconnected, or never got in). */
  boolean gone() {
    return removed;
  }
}
