package io.herald.node;

import io.herald.node.protocol.RpcError;
import io.herald.node.proxy.PublishRequest;
import io.herald.node.proxy.SubscribeRequest;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The publish and subscribe proxies of namespaces with {@code publishProxy} / {@code
 * subscribeProxy}: the backend allows, refuses (its error goes to the client as it sent it) or,
 * for a publish, replaces the data. Results come back on the session's loop.
 */
final class ProxyHooks {

  private ProxyHooks() {}

  /** Completes with the data to publish: the backend's replacement, or the client's. */
  static CompletionStage<byte[]> publish(
      SessionContext context, ClientSession session, ChannelName channel, byte[] data) {
    PublishRequest request = new PublishRequest(session.caller(), channel.full(), data);
    return counted(context, session, () -> context.proxy().publish(request))
        .thenApply(replaced -> replaced == null ? data : replaced);
  }

  /** Completes with the subscription's {@code chanInfo} from the backend, or null. */
  static CompletionStage<byte[]> subscribe(
      SessionContext context, ClientSession session, ChannelName channel) {
    SubscribeRequest request = new SubscribeRequest(session.caller(), channel.full());
    return counted(context, session, () -> context.proxy().subscribe(request));
  }

  /**
   * Runs one backend call of {@code session}, within {@code proxy.maxInFlightPerConnection}
   * calls in progress (106 beyond it); completes on the session's loop.
   */
  private static <T> CompletionStage<T> counted(
      SessionContext context, ClientSession session, Supplier<CompletionStage<T>> call) {
    int limit = context.config().proxy().maxInFlightPerConnection();
    if (!session.startBackendCall(limit)) {
      throw RpcError.LIMIT_EXCEEDED.withMessage("limit exceeded: at most " + limit
          + " backend calls in progress per connection").exception();
    }
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      session.endBackendCall();
      throw e;
    }
    return LoopStages.onLoop(stage, session.loop())
        .whenComplete((r, e) -> session.endBackendCall());
  }
}
