package io.herald.server;

import io.herald.engine.ClientInfo;
import io.herald.node.NodeEvents;
import io.herald.webhooks.Webhooks;

/**
 * The node's events as webhook events: local channel and user transitions go to the webhooks'
 * occupancy (which decides the cluster-wide ones), presence joins and leaves and client
 * publications become events as they are. Every call returns at once (the webhooks never block).
 */
final class WebhookNodeEvents implements NodeEvents {

  private final Webhooks webhooks;

  WebhookNodeEvents(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void channelOccupied(String channel) {
    webhooks.channelOccupiedHere(channel);
  }

  @Override
  public void channelVacated(String channel) {
    webhooks.channelVacatedHere(channel);
  }

  @Override
  public void userOnline(String user) {
    webhooks.userConnectedHere(user);
  }

  @Override
  public void userOffline(String user) {
    webhooks.userDisconnectedHere(user);
  }

  @Override
  public void presenceJoined(String channel, ClientInfo info) {
    webhooks.presence(true, channel, info.user(), info.client(), info.connInfo());
  }

  @Override
  public void presenceLeft(String channel, ClientInfo info) {
    webhooks.presence(false, channel, info.user(), info.client(), info.connInfo());
  }

  @Override
  public void clientPublished(String channel, ClientInfo info, byte[] data) {
    webhooks.clientPublished(channel, info.user(), info.client(), data);
  }
}
