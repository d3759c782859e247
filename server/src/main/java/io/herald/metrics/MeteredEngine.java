package io.herald.metrics;

import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.ControlMessage;
import io.herald.engine.Engine;
import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import io.herald.engine.HistoryPage;
import io.herald.engine.HistoryQuery;
import io.herald.engine.HistoryStore;
import io.herald.engine.PresenceStats;
import io.herald.engine.PresenceStore;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.herald.node.NodeMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Engine} whose broker, history and presence calls are timed and counted ({@code
 * herald_engine_call_duration_seconds{engine, operation}}, {@code
 * herald_engine_call_errors_total}); each part keeps the contract of the part it wraps and passes
 * its {@link HealthCheck} through.
 */
public final class MeteredEngine {

  private MeteredEngine() {}

  /** {@code engine} with every call reported to {@code metrics}. */
  public static Engine wrap(Engine engine, NodeMetrics metrics) {
    return new Engine(
        new MeteredBroker(engine.broker(), metrics),
        new MeteredHistory(engine.history(), metrics),
        new MeteredPresence(engine.presence(), metrics),
        engine.shared());
  }

  /** The broker, as {@code engine="broker"}. */
  static final class MeteredBroker implements Broker, HealthCheck {
    private static final String ENGINE = "broker";
    private final Broker broker;
    private final NodeMetrics metrics;

    MeteredBroker(Broker broker, NodeMetrics metrics) {
      this.broker = broker;
      this.metrics = metrics;
    }

    @Override
    public void start(BrokerEventHandler handler) {
      broker.start(handler);
    }

    @Override
    public CompletionStage<StreamPosition> publish(
        String channel, Publication publication, PublishOptions options) {
      return Timed.call(metrics, ENGINE, "publish",
          () -> broker.publish(channel, publication, options));
    }

    @Override
    public CompletionStage<Void> publishJoin(String channel, ClientInfo info) {
      return Timed.call(metrics, ENGINE, "publishJoin", () -> broker.publishJoin(channel, info));
    }

    @Override
    public CompletionStage<Void> publishLeave(String channel, ClientInfo info) {
      return Timed.call(metrics, ENGINE, "publishLeave", () -> broker.publishLeave(channel, info));
    }

    @Override
    public CompletionStage<Void> publishControl(ControlMessage message) {
      return Timed.call(metrics, ENGINE, "publishControl", () -> broker.publishControl(message));
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
      return Timed.call(metrics, ENGINE, "subscribe", () -> broker.subscribe(channel));
    }

    @Override
    public CompletionStage<Void> unsubscribe(String channel) {
      return Timed.call(metrics, ENGINE, "unsubscribe", () -> broker.unsubscribe(channel));
    }

    @Override
    public Health health() {
      return HealthCheck.of(broker);
    }

    @Override
    public void close() {
      broker.close();
    }
  }

  /** The history store, as {@code engine="history"}. */
  static final class MeteredHistory implements HistoryStore, HealthCheck {
    private static final String ENGINE = "history";
    private final HistoryStore history;
    private final NodeMetrics metrics;

    MeteredHistory(HistoryStore history, NodeMetrics metrics) {
      this.history = history;
      this.metrics = metrics;
    }

    @Override
    public CompletionStage<HistoryPage> history(String channel, HistoryQuery query) {
      return Timed.call(metrics, ENGINE, "history", () -> history.history(channel, query));
    }

    @Override
    public CompletionStage<Void> removeHistory(String channel) {
      return Timed.call(metrics, ENGINE, "removeHistory", () -> history.removeHistory(channel));
    }

    @Override
    public Health health() {
      return HealthCheck.of(history);
    }
  }

  /** The presence store, as {@code engine="presence"}. */
  static final class MeteredPresence implements PresenceStore, HealthCheck {
    private static final String ENGINE = "presence";
    private final PresenceStore presence;
    private final NodeMetrics metrics;

    MeteredPresence(PresenceStore presence, NodeMetrics metrics) {
      this.presence = presence;
      this.metrics = metrics;
    }

    @Override
    public CompletionStage<Void> add(String channel, ClientInfo info, Duration ttl) {
      return Timed.call(metrics, ENGINE, "add", () -> presence.add(channel, info, ttl));
    }

    @Override
    public CompletionStage<Void> remove(String channel, String client) {
      return Timed.call(metrics, ENGINE, "remove", () -> presence.remove(channel, client));
    }

    @Override
    public CompletionStage<Map<String, ClientInfo>> presence(String channel) {
      return Timed.call(metrics, ENGINE, "presence", () -> presence.presence(channel));
    }

    @Override
    public CompletionStage<PresenceStats> stats(String channel) {
      return Timed.call(metrics, ENGINE, "stats", () -> presence.stats(channel));
    }

    @Override
    public Health health() {
      return HealthCheck.of(presence);
    }
  }
}
