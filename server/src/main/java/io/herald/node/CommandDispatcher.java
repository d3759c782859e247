package io.herald.node;

import io.herald.engine.ClientInfo;
import io.herald.node.protocol.RpcError;

import io.herald.node.protocol.CancelCommand;
import io.herald.node.protocol.Command;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.protocol.HistoryCommand;
import io.herald.node.protocol.PresenceCommand;
import io.herald.node.protocol.PresenceStatsCommand;
import io.herald.node.protocol.PongCommand;
import io.herald.node.protocol.PublishCommand;
import io.herald.node.protocol.RefreshCommand;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcCommand;
import io.herald.node.protocol.SubscribeCommand;
import io.herald.node.protocol.UnsubscribeCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes a session's commands to their handlers, enforcing that {@code connect} comes first and
 * only once. The handlers of connect, channel commands and queries keep no state of their own
 * and are made per command (a few bytes of short-lived garbage) rather than held by every idle
 * connection; the rpc bookkeeping is made on the first {@code rpc}.
 */
final class CommandDispatcher {

  private static final CompletionStage<Result> EMPTY =
      CompletableFuture.completedFuture(Result.Empty.INSTANCE);

  private final SessionContext context;
  private final ClientSession session;
  private RpcCalls rpcs;

  CommandDispatcher(SessionContext context, ClientSession session) {
    this.context = context;
    this.session = session;
  }

  private ChannelCommands channels() {
    return new ChannelCommands(context, session);
  }

  private ChannelQueries queries() {
    return new ChannelQueries(context, session);
  }

  private ConnectHandler connect() {
    return new ConnectHandler(context, session);
  }

  private RpcCalls rpcs() {
    if (rpcs == null) {
      rpcs = new RpcCalls(context, session);
    }
    return rpcs;
  }

  /**
   * Routes a command of a request with {@code id} (null: a notification). An {@code rpc} needs
   * its id for its {@code stream} notifications and answers on its own ({@link
   * RpcCalls#ANSWERED_LATER}).
   */
  CompletionStage<Result> dispatch(RequestId id, Command command) {
    if (command instanceof RpcCommand rpc && session.connected()) {
      return rpcs().start(id, rpc);
    }
    return dispatch(command);
  }

  /** The session closed: rpc calls in progress are aborted. */
  void released() {
    if (rpcs != null) {
      rpcs.abandonAll();
    }
  }

  CompletionStage<Result> dispatch(Command command) {
    if (!session.connected()) {
      return switch (command) {
        case ConnectCommand c -> connect().connect(c, channels());
        case PongCommand p -> EMPTY;
        default -> throw RpcError.UNAUTHORIZED.withMessage("connect first").exception();
      };
    }
    return switch (command) {
      case ConnectCommand c ->
          throw RpcError.BAD_REQUEST.withMessage("already connected").exception();
      case SubscribeCommand c -> channels().subscribe(c);
      case UnsubscribeCommand c -> channels().unsubscribe(c);
      case PublishCommand c -> channels().publish(c);
      case RefreshCommand c -> connect().refresh(c);
      case HistoryCommand c -> queries().history(c);
      case PresenceCommand c -> queries().presence(c);
      case PresenceStatsCommand c -> queries().presenceStats(c);
      case RpcCommand c -> rpcs().start(null, c);
      case CancelCommand c -> rpcs().cancel(c);
      case PongCommand p -> {
        session.pong();
        yield EMPTY;
      }
    };
  }

  /** A subscribe its protocol adapter authorized, as {@code member} ({@link DrivenSession}). */
  CompletionStage<Result.Subscribe> subscribeAs(ChannelName channel, ClientInfo member,
      boolean joinLeave) {
    return channels().subscribeAs(channel, member, joinLeave);
  }

  /** A server-side subscribe announced by a {@code subscribe} notification. */
  CompletionStage<Result.Subscribe> subscribeServerSide(ChannelName channel, boolean inFrame) {
    return channels().subscribeServerSide(channel, null, inFrame);
  }
}
