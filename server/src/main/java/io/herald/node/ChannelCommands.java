package io.herald.node;

import io.herald.auth.SubscriptionToken;
import io.herald.auth.TokenException;
import io.herald.config.NamespaceConfig;
import io.herald.node.command.PublishCommand;
import io.herald.node.command.Result;
import io.herald.node.command.SubscribeCommand;
import io.herald.node.command.UnsubscribeCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code subscribe}, {@code unsubscribe} and {@code publish} of one session, with their checks in
 * the documented order: channel name (107), namespace (102), already subscribed (105), channel
 * limit (106), then permission (103, or 109 for an expired subscription token).
 */
final class ChannelCommands {

  private static final CompletionStage<Result> EMPTY =
      CompletableFuture.completedFuture(Result.Empty.INSTANCE);

  private final Node node;
  private final ClientSession session;

  ChannelCommands(Node node, ClientSession session) {
    this.node = node;
    this.session = session;
  }

  CompletionStage<Result> subscribe(SubscribeCommand command) {
    ChannelName channel = ChannelName.parse(command.channel());
    NamespaceConfig ns = node.namespaces().of(channel);
    if (session.subscriptions().containsKey(channel.full())) {
      throw RpcError.ALREADY_SUBSCRIBED.exception();
    }
    int limit = session.limits().channelLimit();
    if (session.subscriptions().size() >= limit) {
      throw RpcError.LIMIT_EXCEEDED
          .withMessage("limit exceeded: at most " + limit + " channels per connection")
          .exception();
    }
    if (channel.isPrivate()) {
      return subscribePrivate(channel, ns, command.token());
    }
    boolean allowed =
        channel.userLimited()
            ? Permissions.userAllowed(ns, channel, session.user())
            : Permissions.maySubscribe(ns, session.user());
    if (!allowed) {
      throw RpcError.PERMISSION_DENIED.exception();
    }
    return add(channel, ns, null).thenApply(r -> r);
  }

  private CompletionStage<Result> subscribePrivate(
      ChannelName channel, NamespaceConfig ns, String token) {
    if (token == null || token.isEmpty()) {
      throw RpcError.PERMISSION_DENIED
          .withMessage("permission denied: a private channel needs a subscription token")
          .exception();
    }
    return LoopStages.onLoop(node.verifier().verifySubscription(token), session.loop())
        .thenCompose(claims -> addWithToken(channel, ns, claims))
        .exceptionallyCompose(error -> CompletableFuture.failedFuture(tokenError(error)));
  }

  private CompletionStage<Result> addWithToken(
      ChannelName channel, NamespaceConfig ns, SubscriptionToken claims) {
    if (!claims.channel().equals(channel.full()) || !claims.user().equals(session.user())) {
      throw RpcError.PERMISSION_DENIED
          .withMessage("permission denied: the subscription token is for another channel or user")
          .exception();
    }
    if (session.subscriptions().containsKey(channel.full())) {
      throw RpcError.ALREADY_SUBSCRIBED.exception();
    }
    return add(channel, ns, claims.info()).thenApply(r -> r);
  }

  private static Throwable tokenError(Throwable error) {
    Throwable cause = ConnectHandler.cause(error);
    if (cause instanceof TokenException t) {
      return t.reason() == TokenException.Reason.EXPIRED
          ? RpcError.TOKEN_EXPIRED.withMessage(t.getMessage()).exception()
          : RpcError.PERMISSION_DENIED
              .withMessage("permission denied: " + t.getMessage())
              .exception();
    }
    return cause;
  }

  /** Subscribes without permission checks (API, token {@code channels}). */
  CompletionStage<Result.Subscribe> subscribeServerSide(ChannelName channel) {
    NamespaceConfig ns = node.namespaces().of(channel);
    if (session.subscriptions().containsKey(channel.full())) {
      return CompletableFuture.completedFuture(new Result.Subscribe(false));
    }
    return add(channel, ns, null);
  }

  private CompletionStage<Result.Subscribe> add(
      ChannelName channel, NamespaceConfig ns, byte[] chanInfo) {
    session.subscriptions().put(channel.full(), new Subscription(channel, ns, chanInfo));
    Result.Subscribe result = new Result.Subscribe(false);
    return node.addSubscriber(channel.full(), session).thenApply(ignored -> result);
  }

  CompletionStage<Result> unsubscribe(UnsubscribeCommand command) {
    ChannelName channel = ChannelName.parse(command.channel());
    if (session.subscriptions().remove(channel.full()) != null) {
      node.removeSubscriber(channel.full(), session);
    }
    return EMPTY;
  }

  CompletionStage<Result> publish(PublishCommand command) {
    ChannelName channel = ChannelName.parse(command.channel());
    NamespaceConfig ns = node.namespaces().of(channel);
    boolean subscribed = session.subscriptions().containsKey(channel.full());
    if (!Permissions.mayPublish(ns, channel, session.user(), subscribed)) {
      throw RpcError.PERMISSION_DENIED.exception();
    }
    return node.publish(channel, command.data(), session.clientInfo(channel.full()));
  }
}
