package io.herald.it;

import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.wire.ControlCodec;
import io.herald.engine.ControlMessage;
import io.herald.engine.ForwardingBroker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A memory broker whose control messages also reach one peer node, through their wire encoding:
 * two nodes in one JVM that share the control channel as a Redis or NATS broker would (the memory
 * broker alone serves one node). Publications stay on their node.
 */
final class ControlLinkedBroker extends ForwardingBroker {

  private final Broker local;
  private volatile BrokerEventHandler handler;
  private volatile ControlLinkedBroker peer;
  private final java.util.concurrent.atomic.AtomicInteger sent =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Control messages other than node announcements published through this broker. */
  int controlSent() {
    return sent.get();
  }

  ControlLinkedBroker(Broker local) {
    this.local = local;
  }

  /** Links {@code a} and {@code b} both ways. */
  static void link(ControlLinkedBroker a, ControlLinkedBroker b) {
    a.peer = b;
    b.peer = a;
  }

  @Override
  protected Broker delegate() {
    return local;
  }

  @Override
  public void start(BrokerEventHandler h) {
    this.handler = h;
    local.start(h);
  }

  @Override
  public CompletionStage<Void> publishControl(ControlMessage message) {
    if (!(message instanceof ControlMessage.NodeAlive)) {
      sent.incrementAndGet();
    }
    byte[] wire = ControlCodec.encode(message);
    local.publishControl(message);
    ControlLinkedBroker other = peer;
    if (other != null && other.handler != null) {
      ControlCodec.decode(wire).ifPresent(other.handler::onControl);
    }
    return CompletableFuture.completedFuture(null);
  }
}
