package io.herald.client;

import java.util.List;
import java.util.Map;

/**
 * Routes what the server sends on a connection: answers to the request table, publications and
 * join/leave to their subscription (or the client listener for server-side subscriptions),
 * stream chunks to their rpc, pings to the heartbeat. Not thread-safe: used on the client's
 * event loop.
 */
final class InboundRouter {

  /** What the router needs of the connection it serves. */
  interface Connection {
    /** Answers a ping. */
    void pong();

    /** Subscribes {@code sub} again, with recovery (the server saw a gap: 2500-2999). */
    void resubscribe(Subscription sub);

    /** The server said why it is about to close the connection. */
    void disconnectAdvice(Map<?, ?> params);
  }

  private final RequestTable requests;
  private final SubscriptionTable subs;
  private final Heartbeat heartbeat;
  private final ClientListener listener;
  private final Connection connection;

  InboundRouter(RequestTable requests, SubscriptionTable subs, Heartbeat heartbeat,
      ClientListener listener, Connection connection) {
    this.requests = requests;
    this.subs = subs;
    this.heartbeat = heartbeat;
    this.listener = listener;
    this.connection = connection;
  }

  /** One text frame: a JSON-RPC message or an array of them; bad JSON is reported, not thrown. */
  void onFrame(String text) {
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (IllegalArgumentException e) {
      listener.onError(new Events.Error("transport", e));
      return;
    }
    for (Object item : parsed instanceof List<?> l ? l : List.of(parsed)) {
      Map<?, ?> m = Values.map(item);
      if (m.containsKey("id") && !m.containsKey("method")) {
        onResponse(m);
      } else if (m.get("method") instanceof String method) {
        onNotification(method, Values.map(m.get("params")));
      }
    }
  }

  private void onResponse(Map<?, ?> m) {
    if (!(m.get("id") instanceof Long id)) {
      return;
    }
    PendingRequest p = requests.take(id);
    if (p == null) {
      return;
    }
    if (m.get("error") instanceof Map<?, ?> err) {
      p.reject().accept(new HeraldException((int) Values.longValue(err.get("code")),
          Values.string(err.get("message"))));
    } else {
      p.resolve().accept(Values.map(m.get("result")));
    }
  }

  private void onNotification(String method, Map<?, ?> params) {
    String channel = Values.string(params.get("channel"));
    switch (method) {
      case "ping" -> {
        connection.pong();
        heartbeat.pinged();
      }
      case "publication" -> {
        Publication p = Publication.from(channel, params);
        Subscription sub = live(channel);
        if (sub != null) {
          sub.publication(p);
        } else {
          listener.onPublication(p);
        }
      }
      case "join", "leave" -> {
        Subscription sub = subs.get(channel);
        if (sub != null) {
          sub.joinLeave(method.equals("join"),
              new Events.JoinLeave(channel, ClientInfo.from(params.get("info"))));
        }
      }
      case "stream" -> {
        long id = Values.longValue(params.get("id"));
        PendingRequest p = requests.get(id);
        if (p != null && p.onChunk() != null) {
          requests.touch(id);
          p.onChunk().accept(params.get("data"));
        }
      }
      case "message" -> listener.onMessage(params.get("data"));
      case "subscribe" -> listener.onSubscribed(new Events.Subscribed(channel,
          Values.bool(params.get("recoverable")), false, false, Values.position(params)));
      case "unsubscribe" -> onUnsubscribe(channel, params);
      case "disconnect" -> connection.disconnectAdvice(params);
      default -> { }
    }
  }

  private void onUnsubscribe(String channel, Map<?, ?> params) {
    Subscription sub = live(channel);
    if (sub == null) {
      return;
    }
    int code = (int) Values.longValue(params.get("code"));
    String reason = Values.string(params.get("reason"));
    if (code >= 2500 && code < 3000) {
      sub.connectionLost(code, reason);
      connection.resubscribe(sub);
    } else {
      subs.remove(sub);
      sub.ended(code, reason);
    }
  }

  private Subscription live(String channel) {
    Subscription sub = subs.get(channel);
    return sub != null && sub.state() != Subscription.State.UNSUBSCRIBED ? sub : null;
  }
}
