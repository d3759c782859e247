package io.herald.server;

import io.herald.config.HeraldConfig;
import io.herald.node.Node;
import io.herald.pusher.PusherWebhooks;
import io.herald.webhooks.WebhookSetup;
import io.herald.webhooks.Webhooks;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;

/**
 * Wires the node's events into the webhooks of {@code webhooks} (docs/webhooks.md): builds them,
 * makes them hear the node, and starts delivery.
 */
final class WebhookWiring {

  private WebhookWiring() {}

  /**
   * The started webhooks of {@code config}, hearing {@code node}; null when none is configured.
   * Connects to Redis with the Redis engine (blocking): call at start.
   */
  static Webhooks start(HeraldConfig config, Node node, PrometheusRegistry registry, Clock clock) {
    Webhooks webhooks = WebhookSetup.create(config, PusherWebhooks.targets(config.pusher()),
        registry, node.uid(), clock);
    if (webhooks == null) {
      return null;
    }
    node.listen(new WebhookNodeEvents(webhooks));
    webhooks.start();
    return webhooks;
  }
}
