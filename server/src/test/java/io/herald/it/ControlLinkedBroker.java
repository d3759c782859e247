package io.herald.it;

import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlCodec;
import io.herald.engine.ControlMessage;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A memory broker whose control messages also reach one peer node, through their wire encoding:
 * two nodes in one JVM that share the control channel as a Redis or NATS broker would (the memory
 * broker alone serves one node). Publications stay on their node.
 */
final class ControlLinkedBroker implements Broker {

  private final Broker local;
  private volatile BrokerEventHandler handler;
  private volatile ControlLinkedBroker peer;

  ControlLinkedBroker(Broker local) {
    this.local = local;
  }

  /** Links {@code a} and {@code b} both ways. */
  static void link(ControlLinkedBroker a, ControlLinkedBroker b) {
    a.peer = b;
    b.peer = a;
  }

  @Override
  public void start(BrokerEventHandler h) {
    this.handler = h;
    local.start(h);
  }

  @Override
  public CompletionStage<Void> publishControl(ControlMessage message) {
    byte[] wire = ControlCodec.encode(message);
    local.publishControl(message);
    ControlLinkedBroker other = peer;
    if (other != null && other.handler != null) {
      ControlCodec.decode(wire).ifPresent(other.handler::onControl);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<StreamPosition> publish(
      String channel, Publication publication, PublishOptions options) {
    return local.publish(channel, publication, options);
  }

  @Override
  public CompletionStage<Void> publishJoin(String channel, ClientInfo info) {
    return local.publishJoin(channel, info);
  }

  @Override
  public CompletionStage<Void> publishLeave(String channel, ClientInfo info) {
    return local.publishLeave(channel, info);
  }

  @Override
  public CompletionStage<Void> subscribe(String channel) {
    return local.subscribe(channel);
  }

  @Override
  public CompletionStage<Void> unsubscribe(String channel) {
    return local.unsubscribe(channel);
  }

  @Override
  public void close() {
    local.close();
  }
}
