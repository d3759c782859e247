package io.herald.engine;

import java.util.concurrent.CompletionStage;

/** A broker that hands every call to {@link #delegate()}; tests override what they change. */
public abstract class ForwardingBroker implements Broker {

  /** The broker every call goes to. */
  protected abstract Broker delegate();

  @Override
  public void start(BrokerEventHandler h) {
    delegate().start(h);
  }

  @Override
  public CompletionStage<StreamPosition> publish(
      String channel, Publication publication, PublishOptions options) {
    return delegate().publish(channel, publication, options);
  }

  @Override
  public CompletionStage<Void> publishJoin(String channel, ClientInfo info) {
    return delegate().publishJoin(channel, info);
  }

  @Override
  public CompletionStage<Void> publishLeave(String channel, ClientInfo info) {
    return delegate().publishLeave(channel, info);
  }

  @Override
  public CompletionStage<Void> publishControl(ControlMessage message) {
    return delegate().publishControl(message);
  }

  @Override
  public CompletionStage<Void> subscribe(String channel) {
    return delegate().subscribe(channel);
  }

  @Override
  public CompletionStage<Void> unsubscribe(String channel) {
    return delegate().unsubscribe(channel);
  }

  @Override
  public void close() {
    delegate().close();
  }
}
