package io.herald.node;

import io.herald.node.protocol.RpcError;

import io.herald.config.NamespaceConfig;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.node.protocol.HistoryCommand;
import io.herald.node.protocol.PresenceCommand;
import io.herald.node.protocol.PresenceStatsCommand;
import io.herald.node.protocol.Result;
import java.util.concurrent.CompletionStage;

/**
 * {@code history}, {@code presence} and {@code presenceStats} of one session. Checks, in order:
 * channel name (107), namespace (102), permission (103), then whether the namespace keeps what is
 * asked (108).
 */
final class ChannelQueries {

  private final SessionContext context;
  private final ClientSession session;

  ChannelQueries(SessionContext context, ClientSession session) {
    this.context = context;
    this.session = session;
  }

  CompletionStage<Result> history(HistoryCommand command) {
    ChannelName channel = ChannelName.parse(command.channel());
    NamespaceConfig ns = context.namespaces().of(channel);
    check(Permissions.mayRead(ns.allowHistoryForSubscriber(), ns.allowHistoryForClient(),
        channel, session.user(), subscribed(channel)));
    HistoryQuery query = new HistoryQuery(
        command.since(), command.limit(), command.reverse(), HistoryOptions.NONE);
    return LoopStages.onLoop(context.reads().history(channel, query), session.loop()).thenApply(r -> r);
  }

  CompletionStage<Result> presence(PresenceCommand command) {
    ChannelName channel = readablePresence(command.channel());
    return LoopStages.onLoop(context.reads().presence(channel), session.loop()).thenApply(r -> r);
  }

  CompletionStage<Result> presenceStats(PresenceStatsCommand command) {
    ChannelName channel = readablePresence(command.channel());
    return LoopStages.onLoop(context.reads().presenceStats(channel), session.loop()).thenApply(r -> r);
  }

  private ChannelName readablePresence(String name) {
    ChannelName channel = ChannelName.parse(name);
    NamespaceConfig ns = context.namespaces().of(channel);
    check(Permissions.mayRead(ns.allowPresenceForSubscriber(), ns.allowPresenceForClient(),
        channel, session.user(), subscribed(channel)));
    return channel;
  }

  private boolean subscribed(ChannelName channel) {
    return session.subscriptions().contains(channel.full());
  }

  private static void check(boolean allowed) {
    if (!allowed) {
      throw RpcError.PERMISSION_DENIED.exception();
    }
  }
}
