package io.herald.node;

import io.herald.config.NamespaceConfig;
import io.herald.engine.ClientInfo;
import io.herald.node.protocol.Cancellable;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.SubscribeCommand;
import io.herald.node.protocol.Unsubscribe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The channels one session is subscribed to, and the one place where a subscription is created,
 * confirmed (positioned, recovered), and removed. A subscribe adds the {@link Subscription} here,
 * joins the channel ({@link Channels#join}: hub, broker, presence) and reads the position it
 * starts from (recovering when asked); on the session's loop it is then confirmed: positioned,
 * its held-back publications flushed after the reply, presence refresh armed. A failure removes
 * it again. Confined to the session's loop.
 */
final class SessionSubscriptions {

  private final ClientSession session;
  private final Channels channels;
  private final SubscriptionsByChannel byChannel = new SubscriptionsByChannel();
  // Made when a reply first has to be waited for; dropped once flushed (most connections idle).
  private List<Subscription> awaitingReply;
  private Cancellable presenceTimer = Cancellable.NONE;

  SessionSubscriptions(ClientSession session, Channels channels) {
    this.session = session;
    this.channels = channels;
  }

  /**
   * Subscribes the session to {@code channel} (the checks are the caller's).
   *
   * @param chanInfo the subscription token's or the backend's {@code info}, or null
   * @param command the subscribe as asked (recovery, join/leave)
   * @param inFrame whether the reply goes out with the frame being answered, so held-back
   *     publications must wait for it; false for a server-side subscribe, whose notification is
   *     written when the stage completes
   * @param member the presence entry a protocol adapter subscribes as (a Pusher presence
   *     member), or null for the session's own
   * @return completes on the session's loop with the subscribe result
   */
  CompletionStage<Result.Subscribe> subscribe(ChannelName channel, NamespaceConfig ns,
      byte[] chanInfo, SubscribeCommand command, boolean inFrame, ClientInfo member) {
    if (session.closed()) {
      // A subscribe that finished (a slow proxy, a token check) after the connection closed.
      throw RpcError.NOT_AVAILABLE.withMessage("not available: the connection closed")
          .exception();
    }
    boolean joinLeave = ns.joinLeave() || (command.joinLeave() && ns.emitsJoinLeave());
    Subscription sub = new Subscription(session, channel, ns, chanInfo, joinLeave);
    if (member != null) {
      sub.member(member);
    }
    byChannel.put(sub);
    CompletionStage<Result.Subscribe> positioned = channels.join(sub)
        .thenCompose(ignored -> channels.position(channel, ns, command));
    return LoopStages.onLoop(positioned, session.loop()).whenComplete((result, error) -> {
      if (error != null) {
        if (byChannel.remove(sub)) {
          channels.leave(sub);
        }
        return;
      }
      sub.positioned(result.position());
      if (inFrame) {
        if (awaitingReply == null) {
          awaitingReply = new ArrayList<>(2);
        }
        awaitingReply.add(sub);
      }
      if (ns.presence()) {
        armPresenceRefresh();
      }
    });
  }

  /**
   * Removes the subscription to {@code channel}, if any, from the session and the channel.
   *
   * @return the removed subscription, or null
   */
  Subscription unsubscribe(String channel) {
    Subscription sub = byChannel.remove(channel);
    if (sub != null) {
      channels.leave(sub);
    }
    return sub;
  }

  /** Removes {@code sub} when it is still the session's subscription to its channel. */
  boolean unsubscribe(Subscription sub) {
    if (byChannel.get(sub.channel().full()) != sub) {
      return false;
    }
    unsubscribe(sub.channel().full());
    return true;
  }

  /** Server-side subscribe (API, token {@code channels}): subscribes, then tells the client. */
  void serverSubscribe(ChannelName channel) {
    if (!session.connected() || contains(channel.full())
        || !session.protocol().supports(Protocol.Feature.SERVER_SUBSCRIBE)) {
      return;
    }
    session.dispatcher().subscribeServerSide(channel, false).thenAccept(
        result -> session.loop().execute(() -> {
          Subscription sub = get(channel.full());
          if (session.connected() && sub != null) {
            session.write(session.encoder().subscribed(channel.full(), result));
            sub.flush();
          }
        }));
  }

  /** Server-side unsubscribe: removes the subscription, then tells the client. */
  void serverUnsubscribe(String channel, Unsubscribe why) {
    if (session.connected() && unsubscribe(channel) != null) {
      notifyUnsubscribed(channel, why);
    }
  }

  /** {@code sub} saw a gap: unsubscribe the client with 2500 so that it recovers. */
  void insufficientState(Subscription sub) {
    if (session.connected() && unsubscribe(sub)) {
      notifyUnsubscribed(sub.channel().full(), Unsubscribe.INSUFFICIENT_STATE);
    }
  }

  private void notifyUnsubscribed(String channel, Unsubscribe why) {
    Frame notice = session.encoder().unsubscribed(channel, why);
    if (notice != null) {
      session.write(notice);
    }
  }

  /** The replies of the frame just answered are written: flush what their subscriptions held. */
  void repliesWritten() {
    if (awaitingReply == null) {
      return;
    }
    List<Subscription> ready = awaitingReply;
    awaitingReply = null;
    ready.forEach(Subscription::flush);
  }

  /** The session closed: leave every channel. */
  void releaseAll() {
    presenceTimer.cancel();
    awaitingReply = null;
    for (Subscription sub : byChannel.values()) {
      channels.leave(sub);
    }
    byChannel.clear();
  }

  Subscription get(String channel) {
    return byChannel.get(channel);
  }

  boolean contains(String channel) {
    return byChannel.get(channel) != null;
  }

  int size() {
    return byChannel.size();
  }

  /** Channel names (a snapshot). */
  List<String> channels() {
    return byChannel.channels();
  }

  /**
   * Keeps presence entries alive: re-adds them every third of the shortest presence TTL among
   * the channels, so a node that dies leaves presence within one TTL.
   */
  private void armPresenceRefresh() {
    if (presenceTimer != Cancellable.NONE || !session.connected()) {
      return;
    }
    Duration shortest = null;
    for (Subscription sub : byChannel.values()) {
      if (sub.namespace().presence()) {
        Duration ttl = sub.namespace().presenceTtl();
        shortest = shortest == null || ttl.compareTo(shortest) < 0 ? ttl : shortest;
      }
    }
    if (shortest == null) {
      return;
    }
    presenceTimer = session.loop().schedule(() -> {
      presenceTimer = Cancellable.NONE;
      for (Subscription sub : byChannel.values()) {
        if (sub.namespace().presence()) {
          channels.refreshPresence(sub);
        }
      }
      armPresenceRefresh();
    }, shortest.dividedBy(3));
  }
}
