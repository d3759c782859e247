package io.herald.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gets subscriptions subscribed on a connection: inside {@code connect}'s {@code subs} (all
 * channels recovered in one round trip) or one {@code subscribe} each, with the recovery position
 * each subscription keeps. A refusal with a temporary error (timeout, 100 internal, 111 busy)
 * retries after a while; any other ends the subscription. Not thread-safe: used on the client's
 * event loop.
 */
final class SubscribeFlow {

  /** What the flow needs of the client. */
  interface Host {
    /** Sends a request; its reject runs with CONNECTION_LOST when it cannot be sent. */
    long request(String method, String paramsJson, PendingRequest p);

    /** The current connection's generation: answers of an older one are ignored. */
    int generation();
  }

  private final EventLoop loop;
  private final SubscriptionTable subs;
  private final ClientListener listener;
  private final long retryMillis;
  private final Host host;

  /**
   * @param retryMillis wait before subscribing again after a temporary error, ms
   */
  SubscribeFlow(EventLoop loop, SubscriptionTable subs, ClientListener listener, long retryMillis,
      Host host) {
    this.loop = loop;
    this.subs = subs;
    this.listener = listener;
    this.retryMillis = retryMillis;
    this.host = host;
  }

  /**
   * Puts every subscription waiting to subscribe into {@code connectParams.subs}; returns them by
   * channel. One whose params fail (its token supplier threw) is left to {@link #connected}.
   */
  Map<String, Subscription> addTo(Map<String, Object> connectParams) {
    Map<String, Subscription> inConnect = new LinkedHashMap<>();
    Map<String, Object> subsParams = new LinkedHashMap<>();
    for (Subscription sub : subs.snapshot()) {
      if (sub.state() != Subscription.State.SUBSCRIBING) {
        continue;
      }
      try {
        Map<String, Object> p = new LinkedHashMap<>(sub.params());
        p.remove("channel");
        subsParams.put(sub.channel(), p);
        inConnect.put(sub.channel(), sub);
      } catch (RuntimeException e) {
        // Subscribed alone after connecting, where the failure ends that subscription.
      }
    }
    if (!subsParams.isEmpty()) {
      connectParams.put("subs", subsParams);
    }
    return inConnect;
  }

  /**
   * The connect succeeded: hands each channel of its {@code subs} answer to its subscription (or
   * reports a server-side subscription to the listener), then subscribes every subscription
   * still waiting.
   */
  void connected(Map<?, ?> subsResult, Map<String, Subscription> inConnect) {
    int gen = host.generation();
    subsResult.forEach((channel, result) -> {
      Map<?, ?> m = Values.map(result);
      Subscription own = inConnect.get(channel);
      if (own != null) {
        if (subs.get(own.channel()) == own && own.state() == Subscription.State.SUBSCRIBING) {
          if (m.get("error") instanceof Map<?, ?> err) {
            refused(own, new HeraldException((int) Values.longValue(err.get("code")),
                Values.string(err.get("message"))), gen);
          } else {
            own.subscribed(m);
          }
        }
      } else if (m.get("error") instanceof Map<?, ?> err) {
        listener.onError(new Events.Error("subscribe", new HeraldException(
            (int) Values.longValue(err.get("code")), channel + ": " + err.get("message"))));
      } else {
        listener.onSubscribed(new Events.Subscribed((String) channel,
            Values.bool(m.get("recoverable")), false, false, Values.position(m)));
      }
    });
    for (Subscription sub : subs.snapshot()) {
      if (sub.state() == Subscription.State.SUBSCRIBING) {
        subscribe(sub);
      }
    }
  }

  /** Sends {@code subscribe} for {@code sub} on the current connection. */
  void subscribe(Subscription sub) {
    int gen = host.generation();
    Map<String, Object> params;
    try {
      params = sub.params();
    } catch (RuntimeException e) {
      sub.failed(new HeraldException(HeraldException.BAD_STATE, "subscription token: " + e), true);
      return;
    }
    host.request("subscribe", Json.write(params), new PendingRequest("subscribe",
        r -> {
          if (gen == host.generation()) {
            sub.subscribed(r);
          }
        },
        e -> {
          if (gen != host.generation() || !(e instanceof HeraldException h)) {
            return;
          }
          if (h.code() != HeraldException.CONNECTION_LOST
              && h.code() != HeraldException.DISCONNECTED) {
            refused(sub, h, gen);
          }
        }, null, null));
  }

  private void refused(Subscription sub, HeraldException h, int gen) {
    int code = h.code();
    if (code == HeraldException.TIMEOUT || code == 100 || code == 111) {
      sub.failed(h, false);
      loop.schedule(retryMillis, () -> {
        if (gen == host.generation() && sub.state() == Subscription.State.SUBSCRIBING) {
          subscribe(sub);
        }
      });
      return;
    }
    subs.remove(sub);
    sub.failed(h, true);
  }
}
