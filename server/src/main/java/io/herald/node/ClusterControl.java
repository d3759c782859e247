package io.herald.node;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Unsubscribe;

import io.herald.engine.Broker;
import java.time.Clock;
import io.herald.engine.ControlMessage;
import io.herald.engine.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of the broker's control messages: sends user commands to every node and acts
 * on those that arrive, keeps the list of live nodes, and hands client data addressed to one of
 * this node's sessions to the transport that owns it. With the memory broker every message comes
 * straight back to this node. Thread-safe.
 */
final class ClusterControl {

  private static final Logger log = LoggerFactory.getLogger(ClusterControl.class);

  private final Broker broker;
  private final SessionRegistry sessions;
  private final String uid;
  private final Clock clock;
  private final Runnable announce;
  private final ClusterNodes others = new ClusterNodes();
  private volatile BiConsumer<String, byte[]> sessionData = (session, data) -> {};
  private volatile Consumer<String> sessionEnded = session -> {};

  /**
   * @param sessions this node's sessions, which the user commands act on
   * @param uid this node's unique id
   * @param announce sends this node's announcement (to a node new to it)
   */
  ClusterControl(
      Broker broker, SessionRegistry sessions, String uid, Clock clock, Runnable announce) {
    this.broker = broker;
    this.sessions = sessions;
    this.uid = uid;
    this.clock = clock;
    this.announce = announce;
  }

  /** Sends {@code message} to every node, this one included. */
  CompletionStage<Void> send(ControlMessage message) {
    return broker.publishControl(message);
  }

  /** Acts on {@code message} from some node; never throws. */
  void receive(ControlMessage message) {
    try {
      switch (message) {
        case ControlMessage.Disconnect d ->
            sessions.disconnectHere(d.user(), d.client(), new Disconnect(d.code(), d.reason()));
        case ControlMessage.Subscribe s -> sessions.subscribeHere(s.user(), s.channel());
        case ControlMessage.Unsubscribe u -> sessions.unsubscribeHere(u.user(), u.channel());
        case ControlMessage.NodeAlive a -> {
          // A node new to us gets our own announcement at once, so it knows every node within
          // a round trip instead of one announce interval.
          if (!a.info().uid().equals(uid) && others.alive(a.info(), clock.millis())) {
            announce.run();
          }
        }
        case ControlMessage.NodeLeft l -> others.left(l.uid());
        case ControlMessage.SessionData s -> {
          if (s.node().equals(uid)) {
            sessionData.accept(s.session(), s.data());
          }
        }
        case ControlMessage.SessionEnded e -> sessionEnded.accept(e.session());
      }
    } catch (RuntimeException e) {
      log.warn("control message {} failed: {}", message.getClass().getSimpleName(), e.toString());
    }
  }

  /** This node first, then every other node heard from recently, by name. */
  List<NodeInfo> nodes(NodeInfo self) {
    List<NodeInfo> out = new ArrayList<>();
    out.add(self);
    others.live(clock.millis()).forEach(out::add);
    return out;
  }

  /** Where client data for this node's sessions goes: {@code (session id, data)}. */
  void onSessionData(BiConsumer<String, byte[]> receiver) {
    this.sessionData = receiver;
  }

  /** Where the ids of emulated sessions that ended on any node go. */
  void onSessionEnded(Consumer<String> receiver) {
    this.sessionEnded = receiver;
  }
}
