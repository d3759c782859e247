package io.herald.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A subscription to one channel, made by {@link HeraldClient#subscribe}. It stays wanted until
 * {@link #unsubscribe()}, across reconnects: after each one the client subscribes it again and,
 * for a channel with history, recovers the publications it missed from the last offset it saw.
 * Publications are delivered in order and never twice. State lives on the client's event thread;
 * the public methods may be called from any thread.
 */
public final class Subscription {

  /** Where a subscription is. */
  public enum State { UNSUBSCRIBED, SUBSCRIBING, SUBSCRIBED }

  private final HeraldClient client;
  private final String channel;
  private final SubscribeOptions options;
  private final SubscriptionListener listener;
  private volatile State state = State.UNSUBSCRIBED;
  private volatile StreamPosition position;
  private final List<Publication> buffered = new ArrayList<>();
  private final List<CompletableFuture<Void>> readyWaiters = new ArrayList<>();

  Subscription(HeraldClient client, String channel, SubscribeOptions options,
      SubscriptionListener listener) {
    this.client = client;
    this.channel = channel;
    this.options = options;
    this.listener = listener;
    this.position = options.since();
  }

  public String channel() {
    return channel;
  }

  public State state() {
    return state;
  }

  /** The last position seen in the channel's stream, or null (no history, or nothing yet). */
  public StreamPosition position() {
    return position;
  }

  /** Ends the subscription; it is not resubscribed after reconnects. */
  public void unsubscribe() {
    client.onLoop(() -> {
      if (state != State.UNSUBSCRIBED) {
        finish(0, "unsubscribe called");
        client.unsubscribed(this);
      }
    });
  }

  /** Completes once subscribed; fails if the subscription ends first. */
  public CompletableFuture<Void> ready() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    client.onLoop(() -> {
      if (state == State.SUBSCRIBED) {
        f.complete(null);
      } else if (state == State.UNSUBSCRIBED) {
        f.completeExceptionally(new HeraldException(HeraldException.UNSUBSCRIBED,
            "not subscribed to " + channel));
      } else {
        readyWaiters.add(f);
      }
    });
    return f;
  }

  public CompletableFuture<Results.Publish> publish(Object data) {
    return client.publish(channel, data);
  }

  // ---- on the event thread ----

  /** Marks the subscription wanted, at once, on the caller's thread (under the client's lock). */
  void claim() {
    state = State.SUBSCRIBING;
  }

  /** Announces the subscribing started (on the event thread). */
  void start() {
    if (state == State.SUBSCRIBING) {
      listener.onSubscribing(new Events.StateChange(0, "subscribe called"));
    }
  }

  Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("channel", channel);
    String token = options.token();
    if (token == null && options.tokenSupplier() != null) {
      token = options.tokenSupplier().apply(channel);
    }
    if (token != null) {
      params.put("token", token);
    }
    if (options.joinLeave()) {
      params.put("joinLeave", true);
    }
    StreamPosition p = position;
    if (options.recover() && p != null) {
      params.put("recover", true);
      params.put("offset", p.offset());
      params.put("epoch", p.epoch());
    }
    return params;
  }

  void subscribed(Map<?, ?> result) {
    if (state != State.SUBSCRIBING) {
      return;
    }
    state = State.SUBSCRIBED;
    boolean wasRecovering = Values.bool(result.get("wasRecovering"));
    boolean recovered = Values.bool(result.get("recovered"));
    StreamPosition top = Values.position(result);
    StreamPosition from = position;
    boolean keepFrom = wasRecovering && recovered && from != null && top != null
        && from.epoch().equals(top.epoch());
    position = keepFrom ? from : top;
    List<Publication> live = new ArrayList<>(buffered);
    buffered.clear();
    listener.onSubscribed(new Events.Subscribed(channel, Values.bool(result.get("recoverable")),
        wasRecovering, recovered, top));
    if (wasRecovering && recovered) {
      for (Object p : Values.list(result.get("publications"))) {
        publication(Publication.from(channel, Values.map(p)));
      }
    }
    if (position != null && top != null && top.offset() > position.offset()) {
      position = top;
    }
    for (Publication p : live) {
      publication(p);
    }
    readyWaiters.forEach(f -> f.complete(null));
    readyWaiters.clear();
  }

  void publication(Publication p) {
    if (state == State.SUBSCRIBING) {
      buffered.add(p);
      return;
    }
    if (state != State.SUBSCRIBED) {
      return;
    }
    StreamPosition pos = position;
    if (p.offset() > 0 && pos != null) {
      if (p.offset() <= pos.offset()) {
        return;
      }
      position = new StreamPosition(p.offset(), pos.epoch());
    }
    listener.onPublication(p);
  }

  void joinLeave(boolean join, Events.JoinLeave event) {
    if (state != State.SUBSCRIBED) {
      return;
    }
    if (join) {
      listener.onJoin(event);
    } else {
      listener.onLeave(event);
    }
  }

  void connectionLost(int code, String reason) {
    buffered.clear();
    if (state == State.SUBSCRIBED) {
      setSubscribing(code, reason);
    }
  }

  void failed(HeraldException error, boolean forGood) {
    listener.onError(new Events.Error("subscribe", error));
    if (forGood) {
      finish(error.code(), error.getMessage());
    }
  }

  void ended(int code, String reason) {
    finish(code, reason);
  }

  private void setSubscribing(int code, String reason) {
    state = State.SUBSCRIBING;
    listener.onSubscribing(new Events.StateChange(code, reason));
  }

  private void finish(int code, String reason) {
    state = State.UNSUBSCRIBED;
    buffered.clear();
    HeraldException error = new HeraldException(HeraldException.UNSUBSCRIBED,
        channel + ": " + reason);
    readyWaiters.forEach(f -> f.completeExceptionally(error));
    readyWaiters.clear();
    listener.onUnsubscribed(new Events.Unsubscribed(channel, code, reason));
  }
}
