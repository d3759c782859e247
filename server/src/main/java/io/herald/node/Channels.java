package io.herald.node;

import io.herald.config.NamespaceConfig;
import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.HistoryStore;
import io.herald.engine.PresenceStore;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;
import io.herald.node.protocol.SubscribeCommand;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The one owner of this node's channel state: the {@link Hub} of local subscribers, and the
 * broker's event handler (publications, joins and leaves fanned out, position checks, control
 * messages handed on). It publishes, adds and removes subscribers (broker subscription, presence
 * entry, join and leave), reads the position a subscribe starts from (recovering when asked) and
 * keeps presence entries alive. Reports channels occupied and vacated and presence joins and
 * leaves to the node's {@link NodeEvents}. Thread-safe; no method blocks.
 */
final class Channels implements BrokerEventHandler {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Channels.class);

  private final SessionContext context;
  private final Broker broker;
  private final HistoryStore history;
  private final PresenceStore presence;
  private final Hub hub = new Hub();
  private volatile Consumer<ControlMessage> control = message -> {};

  Channels(SessionContext context, Broker broker, HistoryStore history, PresenceStore presence) {
    this.context = context;
    this.broker = broker;
    this.history = history;
    this.presence = presence;
  }

  /** Where the broker's control messages go (the node's cluster control). */
  void onControlMessages(Consumer<ControlMessage> receiver) {
    this.control = receiver;
  }

  /**
   * Publishes {@code data} to {@code channel}.
   *
   * @param info the publishing client, null for the server
   * @param event an event name, or null
   */
  CompletionStage<Result> publish(ChannelName channel, byte[] data, ClientInfo info,
      String idempotencyKey, String event) {
    NamespaceConfig ns = context.namespaces().of(channel);
    context.metrics().published(channel.namespace());
    PublishOptions options = new PublishOptions(ChannelReads.historyOptions(ns),
        IdempotencyKeys.scoped(idempotencyKey, info, ns.maxIdempotencyKeySize()),
        ns.idempotencyWindow());
    return broker
        .publish(channel.full(), new Publication(0, data, info, "", event), options)
        .handle((position, error) -> {
          if (error != null) {
            throw new RpcException(RpcError.NOT_AVAILABLE.withMessage(
                "not available: the publication could not be stored or sent"));
          }
          return position.isNone() ? Result.Empty.INSTANCE : new Result.Publish(position);
        });
  }

  @Override
  public void onPublication(String channel, Publication publication) {
    if (hub.has(channel)) {
      long receivedAt = System.nanoTime();
      hub.fanOut(channel, publication,
          new Encoded(context.protocols(), e -> e.publication(channel, publication)),
          context.metrics(), context.namespaces().label(channel), receivedAt);
    }
  }

  @Override
  public void onPositionCheck(String channel, StreamPosition position) {
    hub.checkPosition(channel, position);
  }

  @Override
  public void onJoin(String channel, ClientInfo info) {
    if (hub.has(channel)) {
      hub.fanOutJoinLeave(channel, new Encoded(context.protocols(), e -> e.join(channel, info)),
          info, true);
    }
  }

  @Override
  public void onLeave(String channel, ClientInfo info) {
    if (hub.has(channel)) {
      hub.fanOutJoinLeave(channel, new Encoded(context.protocols(), e -> e.leave(channel, info)),
          info, false);
    }
  }

  @Override
  public void onControl(ControlMessage message) {
    control.accept(message);
  }

  /**
   * Adds a subscriber to the hub, then to presence; completes once the broker delivers the
   * channel to this node and the presence entry is stored. Call on the session's loop.
   */
  CompletionStage<Void> join(Subscription sub) {
    String channel = sub.channel().full();
    ClientInfo info = sub.clientInfo();
    CompletionStage<Void> delivered = hub.add(sub, () -> {
      context.emit(e -> e.channelOccupied(channel));
      return broker.subscribe(channel).handle((ok, error) -> {
        if (error != null) {
          log.warn("broker subscribe of {} failed: {}", channel, error.toString());
          throw new RpcException(RpcError.NOT_AVAILABLE.withMessage(
              "not available: the channel could not be subscribed; try again"));
        }
        return null;
      });
    });
    NamespaceConfig ns = sub.namespace();
    if (ns.presence()) {
      context.emit(e -> e.presenceJoined(channel, info));
    }
    // The session may close (or unsubscribe) while the broker confirms: then nothing may be
    // left behind. A step not started yet is skipped; one that raced the leave is undone.
    CompletionStage<Void> present = ns.presence()
        ? delivered.thenCompose(v -> sub.gone() ? DONE
            : presence.add(channel, info, ns.presenceTtl()).thenCompose(x -> sub.gone()
                ? presence.remove(channel, sub.session().id()) : DONE))
        : delivered;
    CompletionStage<Void> joined = ns.emitsJoinLeave()
        ? present.thenCompose(v -> sub.gone() ? DONE
            : broker.publishJoin(channel, info).thenCompose(x -> sub.gone()
                ? broker.publishLeave(channel, info) : DONE))
        : present;
    return EngineFailures.notAvailable(joined, "joining", channel);
  }

  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  /**
   * The subscribe result for {@code command} on {@code channel}: the current position, or the
   * outcome of the recovery it asks for ({@link Recovery}).
   */
  CompletionStage<Result.Subscribe> position(
      ChannelName channel, NamespaceConfig ns, SubscribeCommand command) {
    if (!ns.keepsHistory()) {
      return CompletableFuture.completedFuture(Result.Subscribe.PLAIN);
    }
    HistoryOptions options = ChannelReads.readOptions(ns);
    if (!command.recover()) {
      return EngineFailures.notAvailable(
          history.history(channel.full(), HistoryQuery.position(options)),
          "position of", channel.full())
          .thenApply(page ->
              new Result.Subscribe(true, page.position(), false, false, List.of()));
    }
    StreamPosition since =
        new StreamPosition(command.offset(), command.epoch() == null ? "" : command.epoch());
    int limit = context.limits().recoveryMaxPublicationLimit();
    return EngineFailures.notAvailable(
        history.history(channel.full(), new HistoryQuery(since, limit + 1, false, options)),
        "recovery in", channel.full())
        .thenApply(page -> Recovery.result(since, page, limit));
  }

  /** Keeps {@code sub}'s presence entry alive. */
  void refreshPresence(Subscription sub) {
    presence.add(sub.channel().full(), sub.clientInfo(), sub.namespace().presenceTtl());
  }

  /**
   * Removes a subscriber from the hub and presence and tells the channel it left. Call on the
   * session's loop; the subscription must already be out of the session's set.
   */
  void leave(Subscription sub) {
    sub.removed();
    String channel = sub.channel().full();
    hub.remove(sub, () -> {
      broker.unsubscribe(channel);
      context.emit(e -> e.channelVacated(channel));
    });
    NamespaceConfig ns = sub.namespace();
    if (ns.presence()) {
      presence.remove(channel, sub.session().id());
      context.emit(e -> e.presenceLeft(channel, sub.clientInfo()));
    }
    if (ns.emitsJoinLeave()) {
      broker.publishLeave(channel, sub.clientInfo());
    }
  }

  /** Subscriptions of sessions on this node. */
  long subscriptionCount() {
    return hub.subscriptionCount();
  }

  /** Channels with subscribers on this node and their subscriber counts. */
  Map<String, Integer> counts() {
    return hub.counts();
  }

  /** Number of channels with a subscriber on this node. */
  int channelCount() {
    return hub.channelCount();
  }
}
