package io.herald.node;

import io.herald.util.Completions;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;

import io.herald.auth.ConnectionToken;
import io.herald.auth.TokenException;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.protocol.RefreshCommand;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.SubscribeCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code connect} and {@code refresh}: verifies the connection token and moves the session to
 * CONNECTED. A refused token is answered with its error and closes the connection (3500, or 3005
 * when a time claim refused it, so that the client reconnects with a fresh one, or 3004 when the
 * signing keys could not be fetched, so that it reconnects later). A {@code refresh} closes only
 * for an invalid token.
 */
final class ConnectHandler {

  private static final Logger log = LoggerFactory.getLogger(ConnectHandler.class);

  private final SessionContext context;
  private final ClientSession session;

  ConnectHandler(SessionContext context, ClientSession session) {
    this.context = context;
    this.session = session;
  }

  CompletionStage<Result> connect(ConnectCommand command, ChannelCommands channels) {
    String token = command.token();
    if (ProxyConnect.applies(context.config().proxy(), token)) {
      return ProxyConnect.ask(context, session, command)
          .thenCompose(claims -> establish(claims, command, channels));
    }
    if (token == null || token.isEmpty()) {
      return establish(new ConnectionToken("", null, null, List.of()), command, channels);
    }
    return LoopStages.onLoop(context.verifier().verifyConnection(token), session.loop())
        .handle(ConnectHandler::refusedOr)
        .thenCompose(claims -> establish(claims, command, channels));
  }

  private CompletionStage<Result> establish(
      ConnectionToken claims, ConnectCommand command, ChannelCommands channels) {
    if (claims.user().isEmpty() && !session.limits().allowAnonymous()) {
      throw new RpcException(
          RpcError.UNAUTHORIZED.withMessage("a token is required: anonymous access is off"),
          Disconnect.INVALID_TOKEN);
    }
    if (session.closed()) {
      // The token check or the connect proxy finished after the connection closed.
      throw RpcError.NOT_AVAILABLE.withMessage("not available: the connection closed").exception();
    }
    if (!session.connected(claims.user(), claims.info(), claims.expiresAt())) {
      throw new RpcException(
          RpcError.LIMIT_EXCEEDED.withMessage("limit exceeded: at most "
              + context.config().client().userConnectionLimit() + " connections per user"),
          Disconnect.CONNECTION_LIMIT);
    }
    long ping = context.config().client().pingInterval().toSeconds();
    if (claims.channels().isEmpty() && command.subs().isEmpty()) {
      // The common connect: nothing to subscribe, so nothing to wait for.
      Boolean batch = command.batch() ? session.coalesce() : null;
      return CompletableFuture.completedFuture(new Result.Connect(session.id(), claims.user(),
          claims.expiresAt() != null, ttl(claims.expiresAt()), ping, true, Map.of(), Map.of(),
          batch));
    }
    Map<String, CompletableFuture<Result.Subscribe>> pending = new LinkedHashMap<>();
    for (String channel : claims.channels()) {
      try {
        pending.put(channel, channels.subscribeServerSide(
            ChannelName.parse(channel), command.subs().get(channel), true).toCompletableFuture());
      } catch (RpcException e) {
        log.warn("token of user {} names channel {} that cannot be subscribed: {}",
            claims.user(), channel, e.error().message());
      }
    }
    // subs count against the channel limit before any backend call: past it, 106 at once.
    int limit = session.limits().channelLimit();
    int budget = limit - pending.size();
    SubsWindow window = new SubsWindow(context.config().proxy().maxInFlightPerConnection());
    for (Map.Entry<String, SubscribeCommand> sub : command.subs().entrySet()) {
      if (pending.containsKey(sub.getKey())) {
        continue;
      }
      if (budget <= 0) {
        pending.put(sub.getKey(), CompletableFuture.failedFuture(RpcError.LIMIT_EXCEEDED
            .withMessage("limit exceeded: at most " + limit + " channels per connection")
            .exception()));
        continue;
      }
      budget--;
      pending.put(sub.getKey(), window.run(() -> subscribeOne(sub.getValue(), channels)));
    }
    Boolean batch = command.batch() ? session.coalesce() : null;
    CompletableFuture<?>[] settled = pending.values().stream()
        .map(f -> f.handle((result, error) -> null))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(settled)
        .thenApply(
            done -> {
              Map<String, Result.Subscribe> subs = new LinkedHashMap<>();
              Map<String, Result.SubscribeError> subErrors = new LinkedHashMap<>();
              pending.forEach((channel, result) -> {
                RpcError error = failure(result);
                if (error == null) {
                  subs.put(channel, result.join());
                } else {
                  subErrors.put(channel, new Result.SubscribeError(error.code(), error.message()));
                }
              });
              return new Result.Connect(
                  session.id(),
                  claims.user(),
                  claims.expiresAt() != null,
                  ttl(claims.expiresAt()),
                  ping,
                  true,
                  subs,
                  subErrors,
                  batch);
            });
  }

  /** One client channel of {@code subs}: a subscribe with the usual checks, never throwing. */
  private static CompletableFuture<Result.Subscribe> subscribeOne(
      SubscribeCommand command, ChannelCommands channels) {
    try {
      return channels.subscribeInFrame(command).toCompletableFuture()
          .exceptionally(error -> {
            throw new CompletionException(cause(error));
          });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The error a settled subscribe failed with, or null when it succeeded. */
  private static RpcError failure(CompletableFuture<Result.Subscribe> result) {
    if (!result.isCompletedExceptionally()) {
      return null;
    }
    try {
      result.join();
      return null;
    } catch (CompletionException e) {
      return cause(e) instanceof RpcException rpc ? rpc.error() : RpcError.INTERNAL;
    }
  }

  CompletionStage<Result> refresh(RefreshCommand command) {
    if (command.token() == null || command.token().isEmpty()) {
      throw RpcError.INVALID_PARAMS.withMessage("invalid params: token is required").exception();
    }
    return LoopStages.onLoop(context.verifier().verifyConnection(command.token()), session.loop())
        .handle(
            (claims, error) -> {
              if (error != null && cause(error) instanceof TokenException t
                  && t.reason() == TokenException.Reason.EXPIRED) {
                throw RpcError.TOKEN_EXPIRED.withMessage(t.getMessage()).exception();
              }
              if (error != null && cause(error) instanceof TokenException t
                  && t.reason() == TokenException.Reason.UNAVAILABLE) {
                throw RpcError.NOT_AVAILABLE.withMessage(t.getMessage()).exception();
              }
              ConnectionToken valid = refusedOr(claims, error);
              if (!valid.user().equals(session.user())) {
                throw new RpcException(
                    RpcError.UNAUTHORIZED.withMessage("token is for another user"),
                    Disconnect.INVALID_TOKEN);
              }
              session.expiresAt(valid.expiresAt());
              return new Result.Refresh(valid.expiresAt() != null, ttl(valid.expiresAt()));
            });
  }

  /** The claims, or the RpcException (with its disconnect) a refused token maps to. */
  private static ConnectionToken refusedOr(ConnectionToken claims, Throwable error) {
    if (error == null) {
      return claims;
    }
    Throwable cause = cause(error);
    if (cause instanceof TokenException t) {
      if (t.reason() == TokenException.Reason.EXPIRED) {
        throw new RpcException(
            RpcError.TOKEN_EXPIRED.withMessage(t.getMessage()), Disconnect.EXPIRED);
      }
      if (t.reason() == TokenException.Reason.UNAVAILABLE) {
        throw new RpcException(
            RpcError.NOT_AVAILABLE.withMessage(t.getMessage()), Disconnect.KEYS_UNAVAILABLE);
      }
      throw new RpcException(
          RpcError.UNAUTHORIZED.withMessage(t.getMessage()), Disconnect.INVALID_TOKEN);
    }
    throw new CompletionException(cause);
  }

  static Throwable cause(Throwable error) {
    return Completions.cause(error);
  }

  private long ttl(Instant expiresAt) {
    if (expiresAt == null) {
      return 0;
    }
    Duration left = Duration.between(context.clock().instant(), expiresAt);
    return Math.max(0, (left.toMillis() + 999) / 1000);
  }
}
