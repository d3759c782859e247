package io.herald.node;

import io.herald.node.proxy.PublishRequest;
import io.herald.node.proxy.SubscribeRequest;
import java.util.concurrent.CompletionStage;

/**
 * The publish and subscribe proxies of namespaces with {@code publishProxy} / {@code
 * subscribeProxy}: the backend allows, refuses (its error goes to the client as it sent it) or,
 * for a publish, replaces the data. Results come back on the session's loop.
 */
final class ProxyHooks {

  private ProxyHooks() {}

  /** Completes with the data to publish: the backend's replacement, or the client's. */
  static CompletionStage<byte[]> publish(
      Node node, ClientSession session, ChannelName channel, byte[] data) {
    PublishRequest request = new PublishRequest(session.caller(), channel.full(), data);
    return LoopStages.onLoop(node.proxy().publish(request), session.loop())
        .thenApply(replaced -> replaced == null ? data : replaced);
  }

  /** Completes with the subscription's {@code chanInfo} from the backend, or null. */
  static CompletionStage<byte[]> subscribe(
      Node node, ClientSession session, ChannelName channel) {
    SubscribeRequest request = new SubscribeRequest(session.caller(), channel.full());
    return LoopStages.onLoop(node.proxy().subscribe(request), session.loop());
  }
}
