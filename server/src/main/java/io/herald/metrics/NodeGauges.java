package io.herald.metrics;

import io.herald.Version;
import io.herald.node.Node;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Gauges read from the node when Prometheus scrapes: clients, users, subscriptions, channels,
 * nodes, queued outbound bytes, readiness and the build. Reading them walks the node's maps (the
 * queue gauge walks every session), so they cost nothing between scrapes.
 */
public final class NodeGauges {

  private NodeGauges() {}

  /**
   * Registers the gauges of {@code node} in {@code registry}.
   *
   * @param nodes how many nodes the cluster has, as this node's broker knows it
   * @param ready whether this node is ready (not draining, engines reachable)
   */
  public static void register(
      PrometheusRegistry registry, Node node, IntSupplier nodes, BooleanSupplier ready) {
    gauge(registry, "herald_clients", "Connected clients (sessions past connect).",
        cb -> cb.call(node.info().numClients()));
    gauge(registry, "herald_users", "Distinct users with a connected client on this node.",
        cb -> cb.call(node.info().numUsers()));
    gauge(registry, "herald_subscriptions", "Channel subscriptions of clients on this node.",
        cb -> cb.call(node.subscriptionCount()));
    gauge(registry, "herald_channels", "Channels with at least one subscriber on this node.",
        cb -> cb.call(node.info().numChannels()));
    gauge(registry, "herald_nodes", "Nodes in the cluster, as this node's broker knows them.",
        cb -> cb.call(nodes.getAsInt()));
    gauge(registry, "herald_outbound_queue_bytes",
        "Bytes written to client connections and not yet sent, summed over connections.",
        cb -> cb.call(node.queuedBytes()));
    gauge(registry, "herald_ready",
        "1 while this node is ready for traffic; 0 while draining or an engine is unreachable.",
        cb -> cb.call(ready.getAsBoolean() ? 1 : 0));
    GaugeWithCallback.builder()
        .name("herald_build_info")
        .help("Always 1; the version of this node.")
        .labelNames("version")
        .callback(cb -> cb.call(1, Version.get()))
        .register(registry);
  }

  private static void gauge(
      PrometheusRegistry registry,
      String name,
      String help,
      java.util.function.Consumer<GaugeWithCallback.Callback> callback) {
    GaugeWithCallback.builder().name(name).help(help).callback(callback).register(registry);
  }
}
