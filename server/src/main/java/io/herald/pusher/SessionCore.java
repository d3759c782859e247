package io.herald.pusher;

import io.herald.engine.ClientInfo;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.node.DrivenSession;
import io.herald.node.Node;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.SessionLoop;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@link PusherCore} over a node session: subscriptions, presence, publishing and the user
 * registry are the session core's, so Pusher connections share channels, presence, history,
 * engines, clusters and metrics with every other Herald client.
 */
final class SessionCore implements PusherCore {

  private final Node node;
  private final DrivenSession session;

  SessionCore(Node node, DrivenSession session) {
    this.node = node;
    this.session = session;
  }

  @Override
  public SessionLoop loop() {
    return session.loop();
  }

  @Override
  public void send(byte[] frame) {
    session.send(Frame.wrap(frame));
  }

  @Override
  public void close(int code, String reason) {
    session.disconnect(new Disconnect(code, reason));
  }

  @Override
  public CompletionStage<Void> subscribe(String channel, ClientInfo member) {
    return session.subscribe(channel, member,
        PusherChannel.pusherName(channel).startsWith("presence-"));
  }

  @Override
  public void unsubscribe(String channel) {
    session.unsubscribe(channel);
  }

  @Override
  public CompletionStage<Map<String, ClientInfo>> presence(String channel) {
    return node.presence(channel).thenApply(p -> p.clients());
  }

  @Override
  public CompletionStage<Publication> last(String channel) {
    return node.history(channel, new HistoryQuery(null, 1, true, HistoryOptions.NONE))
        .thenApply(h -> h.publications().isEmpty() ? null : h.publications().get(0));
  }

  @Override
  public CompletionStage<Void> publish(String channel, byte[] data, String event,
      ClientInfo from) {
    return node.publish(channel, data, null, event, from).thenApply(r -> null);
  }

  @Override
  public void signIn(String heraldUser) {
    if (!session.signIn(heraldUser)) {
      session.disconnect(new Disconnect(4004, "Over the connection limit of this user"));
    }
  }
}
