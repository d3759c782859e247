package io.herald.node;

import io.herald.config.NamespaceConfig;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.HistoryStore;
import io.herald.engine.PresenceStore;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcError;
import java.util.concurrent.CompletionStage;

/**
 * Reads of a channel's stored state: history (and its removal), presence and presence counts,
 * each checked against the channel's namespace (108 when it keeps no such thing). For the
 * server-facing facade and for sessions alike; no permission checks here. Thread-safe.
 */
final class ChannelReads {

  private final SessionContext context;
  private final HistoryStore history;
  private final PresenceStore presence;

  ChannelReads(SessionContext context, HistoryStore history, PresenceStore presence) {
    this.context = context;
    this.history = history;
    this.presence = presence;
  }

  /** The history options of {@code ns}. */
  static HistoryOptions historyOptions(NamespaceConfig ns) {
    return ns.keepsHistory()
        ? new HistoryOptions(ns.historySize(), ns.historyTtl(), ns.historyMetaTtl())
        : HistoryOptions.NONE;
  }

  /**
   * {@link #historyOptions} for a read (subscribe, history): meta a read creates for a channel
   * never published to lives the namespace's {@code readMetaTtl} (or {@code historyMetaTtl} when
   * shorter), so readers looping over made-up channel names leave nothing lasting in the engine.
   * A publication gives the stream its full meta TTL. A subscriber that stayed on such a stream
   * longer than this sees the first publication start a new epoch, and is unsubscribed with 2500
   * to resubscribe, as for any lost stream: never silently.
   */
  static HistoryOptions readOptions(NamespaceConfig ns) {
    HistoryOptions options = historyOptions(ns);
    return options.metaTtl().compareTo(ns.readMetaTtl()) <= 0 ? options
        : new HistoryOptions(options.size(), options.ttl(), ns.readMetaTtl());
  }

  /** {@code channel}'s history; {@code query.options()} is replaced by the namespace's. */
  CompletionStage<Result.History> history(ChannelName channel, HistoryQuery query) {
    NamespaceConfig ns = keepingHistory(channel);
    HistoryQuery withOptions =
        new HistoryQuery(query.since(), query.limit(), query.reverse(), readOptions(ns));
    return EngineFailures.notAvailable(
        history.history(channel.full(), withOptions), "history of", channel.full())
        .thenApply(page -> {
          StreamPosition since = query.since();
          if (since != null && !since.epoch().equals(page.position().epoch())) {
            throw RpcError.UNRECOVERABLE_POSITION.withMessage("unrecoverable position: epoch "
                + since.epoch() + " is not the stream's").exception();
          }
          return new Result.History(page.publications(), page.position());
        });
  }

  /** Removes {@code channel}'s publications (its epoch and top offset stay). */
  CompletionStage<Void> removeHistory(ChannelName channel) {
    keepingHistory(channel);
    return EngineFailures.notAvailable(
        history.removeHistory(channel.full()), "removing the history of", channel.full());
  }

  CompletionStage<Result.Presence> presence(ChannelName channel) {
    withPresence(channel);
    return EngineFailures.notAvailable(
        presence.presence(channel.full()), "presence of", channel.full())
        .thenApply(Result.Presence::new);
  }

  CompletionStage<Result.PresenceStats> presenceStats(ChannelName channel) {
    withPresence(channel);
    return EngineFailures.notAvailable(
        presence.stats(channel.full()), "presence counts of", channel.full())
        .thenApply(s -> new Result.PresenceStats(s.numClients(), s.numUsers()));
  }

  private NamespaceConfig keepingHistory(ChannelName channel) {
    NamespaceConfig ns = context.namespaces().of(channel);
    if (!ns.keepsHistory()) {
      throw RpcError.NOT_AVAILABLE
          .withMessage("not available: namespace keeps no history").exception();
    }
    return ns;
  }

  private void withPresence(ChannelName channel) {
    if (!context.namespaces().of(channel).presence()) {
      throw RpcError.NOT_AVAILABLE
          .withMessage("not available: namespace keeps no presence").exception();
    }
  }
}
