package io.herald.node;

import io.herald.node.command.Command;
import io.herald.node.command.ConnectCommand;
import io.herald.node.command.HistoryCommand;
import io.herald.node.command.PresenceCommand;
import io.herald.node.command.PresenceStatsCommand;
import io.herald.node.command.PongCommand;
import io.herald.node.command.PublishCommand;
import io.herald.node.command.RefreshCommand;
import io.herald.node.command.Result;
import io.herald.node.command.SubscribeCommand;
import io.herald.node.command.UnsubscribeCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes a session's commands to their handlers, enforcing that {@code connect} comes first and
 * only once.
 */
final class CommandDispatcher {

  private static final CompletionStage<Result> EMPTY =
      CompletableFuture.completedFuture(Result.Empty.INSTANCE);

  private final ClientSession session;
  private final ConnectHandler connect;
  private final ChannelCommands channels;
  private final ChannelQueries queries;

  CommandDispatcher(Node node, ClientSession session) {
    this.session = session;
    this.connect = new ConnectHandler(node, session);
    this.channels = new ChannelCommands(node, session);
    this.queries = new ChannelQueries(node, session);
  }

  CompletionStage<Result> dispatch(Command command) {
    if (!session.connected()) {
      return switch (command) {
        case ConnectCommand c -> connect.connect(c, channels);
        case PongCommand p -> EMPTY;
        default -> throw RpcError.UNAUTHORIZED.withMessage("connect first").exception();
      };
    }
    return switch (command) {
      case ConnectCommand c ->
          throw RpcError.BAD_REQUEST.withMessage("already connected").exception();
      case SubscribeCommand c -> channels.subscribe(c);
      case UnsubscribeCommand c -> channels.unsubscribe(c);
      case PublishCommand c -> channels.publish(c);
      case RefreshCommand c -> connect.refresh(c);
      case HistoryCommand c -> queries.history(c);
      case PresenceCommand c -> queries.presence(c);
      case PresenceStatsCommand c -> queries.presenceStats(c);
      case PongCommand p -> {
        session.pong();
        yield EMPTY;
      }
    };
  }

  /** A server-side subscribe announced by a {@code subscribe} notification. */
  CompletionStage<Result.Subscribe> subscribeServerSide(ChannelName channel, boolean inFrame) {
    return channels.subscribeServerSide(channel, null, inFrame);
  }
}
