package io.herald.node;

import io.herald.engine.ClientInfo;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.Transport;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Unsubscribe;
import java.util.concurrent.CompletionStage;

/**
 * A node session that its protocol adapter drives itself, instead of handing it decoded
 * commands: for protocols that authenticate connections and authorize subscriptions on their own
 * (Pusher Channels checks its signatures), and answer their clients in their own words. Opened
 * with {@link Node#openDriven}, already connected. Everything else is a normal session's:
 * fan-out (publications encoded once per protocol, {@link
 * io.herald.node.protocol.Protocol#delivers}), presence, joins and leaves ({@link
 * io.herald.node.protocol.Protocol#presence}), the user registry ({@link Node#disconnectUser}),
 * metrics, the outbound queue bound and the close-code mapping.
 *
 * <p>Threading: call every method on {@link #loop()}; stages complete on that loop.
 */
public final class DrivenSession {

  private final ClientSession session;

  DrivenSession(ClientSession session) {
    this.session = session;
  }

  /** Opens a driven session, connected ({@code Node.openDriven}); closed at once while draining. */
  static DrivenSession open(SessionContext context, Transport transport, Protocol protocol,
      String id, String user, boolean draining) {
    ClientSession session = new ClientSession(context, transport, protocol,
        context.protocols().indexOf(protocol), id);
    session.start();
    if (draining) {
      session.disconnect(Disconnect.SHUTDOWN);
    } else if (!session.connected(user, null, null)) {
      session.disconnect(Disconnect.CONNECTION_LIMIT);
    }
    return new DrivenSession(session);
  }

  /** The session's client id. */
  public String id() {
    return session.id();
  }

  /** The loop the session lives on. */
  public SessionLoop loop() {
    return session.loop();
  }

  /** The transport's name, for metrics. */
  public String transportName() {
    return session.transportName();
  }

  /** True once the session closed. */
  public boolean closed() {
    return session.closed();
  }

  /** Writes a frame of the session's protocol to this connection only. */
  public void send(Frame frame) {
    session.send(frame);
  }

  /**
   * Subscribes to {@code channel} as {@code member} (its presence entry, the info of its joins
   * and leaves) without Herald's permission checks: the adapter authorized it. Completes once
   * publications of the channel reach the session, on its loop.
   *
   * @param joinLeave whether the protocol hears of the channel's joins and leaves (the
   *     channel's namespace must emit them)
   * @throws io.herald.node.protocol.RpcException 107 or 102 when the channel is not valid
   */
  public CompletionStage<Void> subscribe(String channel, ClientInfo member, boolean joinLeave) {
    ChannelName parsed = ChannelName.parse(channel);
    return session.dispatcher().subscribeAs(parsed, member, joinLeave).thenAccept(result -> {
      Subscription sub = session.subscriptions().get(parsed.full());
      if (sub != null && !session.closed()) {
        sub.flush();
      }
    });
  }

  /** Unsubscribes from {@code channel} (nothing is sent to the client). */
  public void unsubscribe(String channel) {
    session.serverUnsubscribe(channel, Unsubscribe.SERVER);
  }

  /**
   * From now on the session belongs to {@code user} (a sign-in the adapter verified): {@link
   * Node#disconnectUser} reaches it under that name.
   *
   * @return false, the user unchanged, when {@code user} is at {@code client.userConnectionLimit}
   */
  public boolean signIn(String user) {
    return session.changeUser(user);
  }

  /** Closes the connection with {@code disconnect} (mapped by the protocol). Idempotent. */
  public void disconnect(Disconnect disconnect) {
    session.disconnect(disconnect);
  }

  /** The transport closed underneath (peer closed, network error). Idempotent. */
  public void transportClosed() {
    session.transportClosed();
  }
}
