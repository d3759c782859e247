package io.herald.config;

import java.util.Map;

/**
 * The template's line on every key of the protocol adapters' and features' own records (Pusher
 * apps, webhook receivers), beside {@link KeyComments}, which consults it.
 */
final class FeatureKeyComments {

  private FeatureKeyComments() {}

  static final Map<String, String> LINES =
      Map.ofEntries(
          line("PusherConfig.apps", "Apps, e.g. - {id: \"1001\", key: app-key, secret: ...}."),
          line("PusherApp.id", "App id of the HTTP API paths (/apps/<id>/...); unique."),
          line("PusherApp.key", "Public key clients connect with (/app/<key>); unique."),
          line("PusherApp.secret", "Signs authorizations and API requests; >= 16 characters."),
          line("PusherApp.enabled", "false: connections closed with 4003, API answers 403."),
          line("PusherApp.clientEvents", "Clients may send client-* events (private, presence)."),
          line("PusherApp.webhookUrl", "Where the app's webhooks are posted; null: none."),
          line("PusherApp.maxEventDataSize", "Largest event data in bytes; larger: 413 / 4301."),
          line("PusherApp.maxChannelsPerTrigger", "Most channels per API trigger; more: 400."),
          line("PusherApp.clientEventRate", "Client events per second per connection; more: 4301."),
          line("PusherApp.activityTimeout", "Client pings after this much silence; +30s: 4201."),
          line("PusherApp.maxConnections", "Connections of the app per node; more: 4004; 0: none."),
          line("WebhookEndpoint.url", "http(s) URL the event batches are POSTed to."),
          line("WebhookEndpoint.events", "Event types sent (client.publish is off by default)."),
          line("WebhookEndpoint.namespaces", "Only channels of these namespaces; []: all."),
          line("WebhookEndpoint.secret", "HMAC-SHA256 key of the Herald-Signature header."),
          line("WebhookEndpoint.timeout", "Longest wait for the receiver's answer."),
          line("WebhookEndpoint.batchMaxSize", "Most events in one POST."),
          line("WebhookEndpoint.batchMaxDelay", "How long a batch waits for more events."),
          line("WebhookEndpoint.maxAge", "Undelivered this long after it happened: dropped."),
          line("WebhookEndpoint.queueMaxSize", "Most events waiting; beyond it new ones are dropped."));

  private static Map.Entry<String, String> line(String key, String text) {
    return Map.entry(key, text);
  }
}
