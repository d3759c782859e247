package io.herald.node;

import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;

import io.herald.auth.ConnectionToken;
import io.herald.config.ProxyConfig;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.proxy.ConnectReply;
import io.herald.node.proxy.ConnectRequest;
import java.util.concurrent.CompletionStage;

/**
 * A {@code connect} decided by the backend ({@code proxy.connect}) instead of a token. The
 * backend's refusal closes the connection (3500, or its own disconnect code); a failure to ask it
 * (113-116) leaves the connection open and connecting, so the client may send {@code connect}
 * again.
 */
final class ProxyConnect {

  private ProxyConnect() {}

  /** True when the connect proxy decides a connect with {@code token} (null or empty: none). */
  static boolean applies(ProxyConfig proxy, String token) {
    boolean noToken = token == null || token.isEmpty();
    return proxy.connect().enabled() && (noToken || proxy.connectEveryClient());
  }

  /** Asks the backend; completes on the session's loop with the accepted identity. */
  static CompletionStage<ConnectionToken> ask(
      SessionContext context, ClientSession session, ConnectCommand command) {
    ConnectRequest request =
        new ConnectRequest(
            session.caller(), command.token(), command.name(), command.version(), command.data());
    return LoopStages.onLoop(context.proxy().connect(request), session.loop())
        .thenApply(reply -> switch (reply) {
          case ConnectReply.Accepted a -> {
            if (a.expireAt() != null && !a.expireAt().isAfter(context.clock().instant())) {
              throw new RpcException(
                  RpcError.TOKEN_EXPIRED.withMessage("token expired: expireAt is in the past"),
                  Disconnect.EXPIRED);
            }
            yield new ConnectionToken(a.user(), a.expireAt(), a.info(), a.channels());
          }
          case ConnectReply.Refused r -> throw new RpcException(r.error(), Disconnect.INVALID_TOKEN);
          case ConnectReply.Disconnected d ->
              throw new RpcException(
                  RpcError.UNAUTHORIZED.withMessage(d.disconnect().reason()), d.disconnect());
        });
  }
}
