package io.herald.ingest;

import io.herald.api.ApiService;
import io.herald.auth.TokenVerifier;
import io.herald.config.HeraldConfig;
import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.Engine;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.engine.memory.MemoryEngine;
import io.herald.node.Node;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real node on the memory engine whose broker can be switched into an outage: while {@link
 * #down} is set every publish fails (and always those {@link #failing} matches), as a Redis
 * engine's does when Redis is unreachable. Records what it published.
 */
final class OutageNode {

  volatile boolean down;
  /** Publishes whose data (JSON text) this matches fail too, while the others go through. */
  volatile java.util.function.Predicate<String> failing = data -> false;
  final AtomicInteger failedPublishes = new AtomicInteger();
  final List<String> published = Collections.synchronizedList(new ArrayList<>());
  final ApiService api;

  OutageNode() {
    Engine memory = MemoryEngine.create(Clock.systemUTC());
    Engine engine = new Engine(new Outage(memory.broker()), memory.history(), memory.presence(),
        memory.shared());
    HeraldConfig config = HeraldConfig.defaults();
    Node node = new Node(config, TokenVerifier.create(config.token(), Clock.systemUTC()), engine,
        io.herald.protocol.jsonrpc.JsonRpcProtocol.withDefaults(), Clock.systemUTC(), "outage-test");
    api = new ApiService(node, null);
  }

  private final class Outage implements Broker {
    private final Broker delegate;

    Outage(Broker delegate) {
      this.delegate = delegate;
    }

    @Override
    public void start(BrokerEventHandler handler) {
      delegate.start(handler);
    }

    @Override
    public CompletionStage<StreamPosition> publish(
        String channel, Publication publication, PublishOptions options) {
      String data = new String(publication.data(), java.nio.charset.StandardCharsets.UTF_8);
      if (down || failing.test(data)) {
        failedPublishes.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalStateException("engine unreachable"));
      }
      published.add(data);
      return delegate.publish(channel, publication, options);
    }

    @Override
    public CompletionStage<Void> publishJoin(String channel, ClientInfo info) {
      return delegate.publishJoin(channel, info);
    }

    @Override
    public CompletionStage<Void> publishLeave(String channel, ClientInfo info) {
      return delegate.publishLeave(channel, info);
    }

    @Override
    public CompletionStage<Void> publishControl(ControlMessage message) {
      return delegate.publishControl(message);
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
      return delegate.subscribe(channel);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String channel) {
      return delegate.unsubscribe(channel);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
