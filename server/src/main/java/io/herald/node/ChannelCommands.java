package io.herald.node;

import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Unsubscribe;

import io.herald.auth.SubscriptionToken;
import io.herald.auth.TokenException;
import io.herald.config.NamespaceConfig;
import io.herald.engine.ClientInfo;
import io.herald.node.protocol.PublishCommand;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.SubscribeCommand;
import io.herald.node.protocol.UnsubscribeCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code subscribe}, {@code unsubscribe} and {@code publish} of one session, with their checks in
 * the documented order: channel name (107), namespace (102), already subscribed (105), channel
 * limit (106), then permission (103, or 109 for an expired subscription token).
 *
 * <p>A subscribe joins the hub first and reads the channel's position (recovering when asked)
 * second, so nothing published in between is missed; see {@link Subscription} for how what
 * arrives meanwhile is held back and merged.
 */
final class ChannelCommands {

  private static final CompletionStage<Result> EMPTY =
      CompletableFuture.completedFuture(Result.Empty.INSTANCE);

  private final SessionContext context;
  private final ClientSession session;

  ChannelCommands(SessionContext context, ClientSession session) {
    this.context = context;
    this.session = session;
  }

  CompletionStage<Result> subscribe(SubscribeCommand command) {
    return subscribeInFrame(command).thenApply(r -> r);
  }

  /** A client subscribe whose reply goes out with the frame being answered. */
  CompletionStage<Result.Subscribe> subscribeInFrame(SubscribeCommand command) {
    ChannelName channel = ChannelName.parse(command.channel());
    NamespaceConfig ns = context.namespaces().of(channel);
    if (session.subscriptions().contains(channel.full())) {
      throw RpcError.ALREADY_SUBSCRIBED.exception();
    }
    int limit = session.limits().channelLimit();
    if (session.subscriptions().size() >= limit) {
      throw RpcError.LIMIT_EXCEEDED
          .withMessage("limit exceeded: at most " + limit + " channels per connection")
          .exception();
    }
    if (command.joinLeave() && !ns.emitsJoinLeave()) {
      throw RpcError.PERMISSION_DENIED
          .withMessage("permission denied: join/leave is not enabled in this namespace")
          .exception();
    }
    if (channel.isPrivate()) {
      return subscribePrivate(channel, ns, command);
    }
    if (ns.subscribeProxy() && !channel.userLimited()) {
      return ProxyHooks.subscribe(context, session, channel)
          .thenCompose(chanInfo -> addUnlessSubscribed(channel, ns, chanInfo, command));
    }
    boolean allowed =
        channel.userLimited()
            ? Permissions.userAllowed(ns, channel, session.user())
            : Permissions.maySubscribe(ns, session.user());
    if (!allowed) {
      throw RpcError.PERMISSION_DENIED.exception();
    }
    return add(channel, ns, null, command, true);
  }

  private CompletionStage<Result.Subscribe> subscribePrivate(
      ChannelName channel, NamespaceConfig ns, SubscribeCommand command) {
    String token = command.token();
    if (token == null || token.isEmpty()) {
      throw RpcError.PERMISSION_DENIED
          .withMessage("permission denied: a private channel needs a subscription token")
          .exception();
    }
    return LoopStages.onLoop(context.verifier().verifySubscription(token), session.loop())
        .thenCompose(claims -> addWithToken(channel, ns, claims, command))
        .exceptionallyCompose(error -> CompletableFuture.failedFuture(tokenError(error)));
  }

  private CompletionStage<Result.Subscribe> addWithToken(
      ChannelName channel, NamespaceConfig ns, SubscriptionToken claims,
      SubscribeCommand command) {
    if (!claims.channel().equals(channel.full()) || !claims.user().equals(session.user())) {
      throw RpcError.PERMISSION_DENIED
          .withMessage("permission denied: the subscription token is for another channel or user")
          .exception();
    }
    if (session.subscriptions().contains(channel.full())) {
      throw RpcError.ALREADY_SUBSCRIBED.exception();
    }
    return add(channel, ns, claims.info(), command, claims.expiresAt());
  }

  private CompletionStage<Result.Subscribe> addUnlessSubscribed(
      ChannelName channel, NamespaceConfig ns, byte[] chanInfo, SubscribeCommand command) {
    if (session.subscriptions().contains(channel.full())) {
      throw RpcError.ALREADY_SUBSCRIBED.exception();
    }
    return add(channel, ns, chanInfo, command, true);
  }

  private static Throwable tokenError(Throwable error) {
    Throwable cause = ConnectHandler.cause(error);
    if (cause instanceof TokenException t) {
      if (t.reason() == TokenException.Reason.UNAVAILABLE) {
        return RpcError.NOT_AVAILABLE.withMessage(t.getMessage()).exception();
      }
      return t.reason() == TokenException.Reason.EXPIRED
          ? RpcError.TOKEN_EXPIRED.withMessage(t.getMessage()).exception()
          : RpcError.PERMISSION_DENIED
              .withMessage("permission denied: " + t.getMessage())
              .exception();
    }
    return cause;
  }

  /**
   * Subscribes without permission checks (API, token {@code channels}).
   *
   * @param recover recovery asked for in {@code connect}'s {@code subs}, or null
   * @param inFrame whether the reply goes out with the frame being answered (at connect) rather
   *     than as a {@code subscribe} notification
   */
  CompletionStage<Result.Subscribe> subscribeServerSide(
      ChannelName channel, SubscribeCommand recover, boolean inFrame) {
    NamespaceConfig ns = context.namespaces().of(channel);
    if (session.subscriptions().contains(channel.full())) {
      return CompletableFuture.completedFuture(Result.Subscribe.PLAIN);
    }
    SubscribeCommand command =
        recover == null ? new SubscribeCommand(channel.full(), null) : recover;
    return add(channel, ns, null, command, inFrame);
  }

  /**
   * Subscribes as {@code member} without permission checks: the session's protocol adapter
   * authorized it ({@link DrivenSession#subscribe}). The reply goes nowhere; what the
   * subscription held back is written once it is positioned.
   */
  CompletionStage<Result.Subscribe> subscribeAs(ChannelName channel, ClientInfo member,
      boolean joinLeave) {
    NamespaceConfig ns = context.namespaces().of(channel);
    if (session.subscriptions().contains(channel.full())) {
      return CompletableFuture.completedFuture(Result.Subscribe.PLAIN);
    }
    SubscribeCommand command =
        new SubscribeCommand(channel.full(), null, false, 0, null, joinLeave);
    return add(channel, ns, member.chanInfo(), command, false, member);
  }

  private CompletionStage<Result.Subscribe> add(
      ChannelName channel, NamespaceConfig ns, byte[] chanInfo, SubscribeCommand command,
      boolean inFrame) {
    return add(channel, ns, chanInfo, command, inFrame, null);
  }

  private CompletionStage<Result.Subscribe> add(
      ChannelName channel, NamespaceConfig ns, byte[] chanInfo, SubscribeCommand command,
      boolean inFrame, ClientInfo member) {
    return session.subscriptions().subscribe(channel, ns, chanInfo, command, inFrame, member);
  }

  /**
   * As {@link #add}, for a subscription token that expires at {@code tokenExpiresAt}: at it plus
   * {@code client.expiryGrace} the subscription ends with unsubscribe 2501 (subscribe again with
   * a fresh token, recovering from the last offset).
   */
  private CompletionStage<Result.Subscribe> add(ChannelName channel, NamespaceConfig ns,
      byte[] chanInfo, SubscribeCommand command, java.time.Instant tokenExpiresAt) {
    CompletionStage<Result.Subscribe> added = add(channel, ns, chanInfo, command, true, null);
    if (tokenExpiresAt == null) {
      return added;
    }
    return added.whenComplete((result, error) -> {
      Subscription sub = session.subscriptions().get(channel.full());
      if (error == null && sub != null) {
        expireAt(sub, tokenExpiresAt);
      }
    });
  }

  /** Ends {@code sub} with 2501 at {@code exp} plus {@code client.expiryGrace}, if still on. */
  private void expireAt(Subscription sub, java.time.Instant exp) {
    java.time.Duration left = java.time.Duration.between(context.clock().instant(), exp)
        .plus(session.limits().expiryGrace());
    session.loop().schedule(() -> {
      if (session.subscriptions().get(sub.channel().full()) == sub) {
        session.serverUnsubscribe(sub.channel().full(), Unsubscribe.TOKEN_EXPIRED);
      }
    }, left.isNegative() ? java.time.Duration.ZERO : left);
  }

  CompletionStage<Result> unsubscribe(UnsubscribeCommand command) {
    session.subscriptions().unsubscribe(ChannelName.parse(command.channel()).full());
    return EMPTY;
  }

  CompletionStage<Result> publish(PublishCommand command) {
    ChannelName channel = ChannelName.parse(command.channel());
    NamespaceConfig ns = context.namespaces().of(channel);
    IdempotencyKeys.check(command.idempotencyKey(), ns.maxIdempotencyKeySize());
    boolean subscribed = session.subscriptions().contains(channel.full());
    if (ns.publishProxy()) {
      if (!Permissions.restrictionsAllowPublish(channel, session.user(), subscribed)) {
        throw RpcError.PERMISSION_DENIED.exception();
      }
      return ProxyHooks.publish(context, session, channel, command.data())
          .thenCompose(data -> published(channel, data, command.idempotencyKey()));
    }
    if (!Permissions.mayPublish(ns, channel, session.user(), subscribed)) {
      throw RpcError.PERMISSION_DENIED.exception();
    }
    return published(channel, command.data(), command.idempotencyKey());
  }

  /** Publishes for the session and, once accepted, tells the node's listener. */
  private CompletionStage<Result> published(ChannelName channel, byte[] data, String key) {
    ClientInfo info = session.clientInfo(channel.full());
    return context.channels().publish(channel, data, info, key, null).thenApply(result -> {
      context.emit(e -> e.clientPublished(channel.full(), info, data));
      return result;
    });
  }
}
