package io.herald.client;

import java.net.URI;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * A connection to Herald that keeps itself alive, on the JDK's {@link WebSocket}: it reconnects
 * with exponential backoff and full jitter, resubscribes and recovers every {@link Subscription},
 * answers pings and treats a connection without pings as dead, refreshes its token, and holds
 * publishes while offline (each with an idempotency key, so a retry never delivers twice).
 *
 * <p>Threading: all state lives on one event thread (the {@code scheduler}); listeners are called
 * there, in order. Every public method may be called from any thread and never blocks.
 *
 * <pre>{@code
 * HeraldClient client = HeraldClient.builder("ws://localhost:8000/connection/websocket")
 *     .token(jwt).listener(new ClientListener() {}).build();
 * client.subscribe("chat:room", new SubscriptionListener() {
 *   public void onPublication(Publication p) { System.out.println(p.data()); }
 * });
 * client.connect();
 * client.publish("chat:room", Map.of("text", "hi")).join();
 * }</pre>
 */
public final class HeraldClient implements AutoCloseable {

  /** Connection state. CONNECTING also covers waiting to reconnect. */
  public enum State { DISCONNECTED, CONNECTING, CONNECTED }

  private static final SecureRandom KEYS = new SecureRandom();

  private final ClientOptions options;
  private final EventLoop loop;
  private final ClientListener listener;
  private final Backoff backoff;
  private final Heartbeat heartbeat;
  private final RequestTable requests;
  private final OfflineQueue queue;
  private final TokenRefresher refresher;
  private final InboundRouter inbound;
  private final SubscribeFlow subscribing;
  private final SubscriptionTable subs = new SubscriptionTable();
  private final List<CompletableFuture<Void>> connectWaiters = new ArrayList<>();
  private volatile State state = State.DISCONNECTED;
  private volatile String clientId = "";
  private volatile long lastReconnectDelay = -1;
  private String token;
  private WebSocketConnection connection;
  private int generation;
  private Map<?, ?> serverDisconnect;
  private ScheduledFuture<?> reconnectTimer;
  private ScheduledFuture<?> connectTimer;

  private HeraldClient(ClientOptions options) {
    this.options = options;
    this.listener = options.listener();
    this.loop = new EventLoop(options.scheduler(), listener);
    this.backoff = new Backoff(options.minReconnectDelay(), options.maxReconnectDelay(),
        options.random());
    this.heartbeat = new Heartbeat(loop, options.maxPingDelay().toMillis(), () -> {
      if (connection != null) {
        dropTransport(1006, "no ping from the server");
      }
    });
    this.requests = new RequestTable(loop, options.timeout().toMillis());
    this.queue = new OfflineQueue(options.maxQueuedPublishes());
    this.refresher = new TokenRefresher(loop, options.tokenSupplier(), options.refreshAt(),
        listener, t -> {
          token = t;
          return call("refresh", Map.of("token", t));
        });
    this.subscribing = new SubscribeFlow(loop, subs, listener,
        options.timeout().toMillis() / 10 + 500, new SubscribeFlow.Host() {
          @Override
          public long request(String method, String paramsJson, PendingRequest p) {
            return HeraldClient.this.request(method, paramsJson, p);
          }

          @Override
          public int generation() {
            return generation;
          }
        });
    this.inbound = new InboundRouter(requests, subs, heartbeat, listener,
        new InboundRouter.Connection() {
          @Override
          public void pong() {
            sendText("{\"jsonrpc\":\"2.0\",\"method\":\"pong\"}");
          }

          @Override
          public void resubscribe(Subscription sub) {
            subscribing.subscribe(sub);
          }

          @Override
          public void disconnectAdvice(Map<?, ?> params) {
            serverDisconnect = params;
          }
        });
    this.token = options.token();
  }

  /** Starts building a client for {@code url} ({@code ws://host:8000/connection/websocket}). */
  public static ClientBuilder builder(String url) {
    return new ClientBuilder(URI.create(url));
  }

  static HeraldClient create(ClientOptions options) {
    return new HeraldClient(options);
  }

  public State state() {
    return state;
  }

  /** This connection's id ({@code ""} unless connected). */
  public String clientId() {
    return clientId;
  }

  /** The delay chosen before the latest reconnect attempt in milliseconds; -1 before any. */
  public long lastReconnectDelay() {
    return lastReconnectDelay;
  }

  /** Starts connecting; does nothing unless disconnected. */
  public void connect() {
    onLoop(() -> {
      if (state != State.DISCONNECTED) {
        return;
      }
      backoff.reset();
      setState(State.CONNECTING, new Events.StateChange(0, "connect called"));
      openTransport();
    });
  }

  /**
   * Closes the connection and stays disconnected; calls in flight, queued publishes and calls
   * waiting for a connection fail with DISCONNECTED. Subscriptions are kept for the next connect.
   */
  public void disconnect() {
    onLoop(() -> {
      if (state == State.DISCONNECTED) {
        return;
      }
      closeTransport(true);
      EventLoop.cancel(reconnectTimer);
      enterDisconnected(new Events.StateChange(0, "disconnect called"));
    });
  }

  /** Disconnects and, when the client made its own thread, stops it. */
  @Override
  public void close() {
    disconnect();
    loop.shutdownIfOwned();
  }

  /** Subscribes to {@code channel} with default options (recovery on). */
  public Subscription subscribe(String channel, SubscriptionListener listener) {
    return subscribe(channel, SubscribeOptions.defaults(), listener);
  }

  /**
   * Subscribes to {@code channel}: now when connected, else as soon as the client connects.
   *
   * @throws HeraldException BAD_STATE when the client already has a live subscription to it
   */
  public Subscription subscribe(String channel, SubscribeOptions opts,
      SubscriptionListener listener) {
    Objects.requireNonNull(channel, "channel");
    Subscription sub = new Subscription(this, channel, opts, listener);
    subs.add(sub);
    onLoop(() -> {
      sub.start();
      if (state == State.CONNECTED && sub.state() == Subscription.State.SUBSCRIBING) {
        subscribing.subscribe(sub);
      }
    });
    return sub;
  }

  /** The client's subscription to {@code channel}, or null. */
  public Subscription subscription(String channel) {
    return subs.get(channel);
  }

  /**
   * Publishes {@code data} (see {@link Json} for the types) to {@code channel}. Offline, the
   * publish waits in a bounded queue and goes out after reconnecting.
   */
  public CompletableFuture<Results.Publish> publish(String channel, Object data) {
    CompletableFuture<Results.Publish> result = new CompletableFuture<>();
    String encoded = Json.write(data);
    onLoop(() -> {
      QueuedPublish entry = new QueuedPublish(channel, encoded, idempotencyKey(), result);
      if (state == State.CONNECTED) {
        sendPublish(entry);
      } else {
        queue.offer(entry);
      }
    });
    return result;
  }

  /** Reads a channel's history: at most {@code limit} publications after {@code since}. */
  public CompletableFuture<Results.History> history(String channel, int limit,
      StreamPosition since, boolean reverse) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("channel", channel);
    params.put("limit", limit);
    if (since != null) {
      params.put("since", Map.of("offset", since.offset(), "epoch", since.epoch()));
    }
    if (reverse) {
      params.put("reverse", true);
    }
    return call("history", params).thenApply(r -> {
      List<Publication> pubs = new ArrayList<>();
      for (Object p : Values.list(r.get("publications"))) {
        pubs.add(Publication.from(channel, Values.map(p)));
      }
      return new Results.History(List.copyOf(pubs), Values.position(r));
    });
  }

  /** Who is subscribed to {@code channel}, by connection id. */
  public CompletableFuture<Map<String, ClientInfo>> presence(String channel) {
    return call("presence", Map.of("channel", channel)).thenApply(r -> {
      Map<String, ClientInfo> out = new LinkedHashMap<>();
      Values.map(r.get("clients")).forEach((k, v) -> out.put((String) k, ClientInfo.from(v)));
      return Map.copyOf(out);
    });
  }

  public CompletableFuture<Results.PresenceStats> presenceStats(String channel) {
    return call("presenceStats", Map.of("channel", channel)).thenApply(r ->
        new Results.PresenceStats(Values.longValue(r.get("numClients")),
            Values.longValue(r.get("numUsers"))));
  }

  /**
   * Calls {@code method} on the application's backend through Herald's RPC proxy; streamed
   * chunks go to {@code onChunk} in order (on the event thread). Cancelling the returned future
   * sends {@code cancel} to the server.
   */
  public CompletableFuture<Results.Rpc> rpc(String method, Object data, Consumer<Object> onChunk) {
    CompletableFuture<Results.Rpc> result = new CompletableFuture<>();
    String encoded = Json.write(data);
    whenConnected().whenCompleteAsync((ok, error) -> {
      if (error != null) {
        result.completeExceptionally(unwrap(error));
        return;
      }
      long id = request("rpc", "{\"method\":" + Json.write(method) + ",\"data\":" + encoded + "}",
          new PendingRequest("rpc", r -> result.complete(new Results.Rpc(r.get("data"),
              Values.longValue(r.get("chunks")))), result::completeExceptionally,
              onChunk == null ? c -> {} : onChunk, null));
      result.whenCompleteAsync((r, e) -> {
        if (result.isCancelled() && requests.take(id) != null) {
          sendText("{\"jsonrpc\":\"2.0\",\"method\":\"cancel\",\"params\":{\"id\":" + id + "}}");
        }
      }, loop.executor());
    }, loop.executor());
    return result;
  }

  /** Completes once connected; fails after the timeout or when the client disconnects. */
  public CompletableFuture<Void> ready() {
    return whenConnected();
  }

  // ---- event thread ----

  void onLoop(Runnable task) {
    loop.run(task);
  }

  void unsubscribed(Subscription sub) {
    subs.remove(sub);
    if (state == State.CONNECTED) {
      request("unsubscribe", "{\"channel\":" + Json.write(sub.channel()) + "}",
          new PendingRequest("unsubscribe", r -> {}, e -> {}, null, null));
    }
  }

  private void openTransport() {
    int gen = ++generation;
    serverDisconnect = null;
    if (token == null && options.tokenSupplier() != null) {
      options.tokenSupplier().get().whenCompleteAsync((t, error) -> {
        if (gen != generation || state != State.CONNECTING) {
          return;
        }
        if (error != null || t == null) {
          listener.onError(new Events.Error("token", error == null
              ? new HeraldException(HeraldException.BAD_STATE, "tokenSupplier gave null") : error));
          scheduleReconnect(new Events.StateChange(0, "token supplier failed"));
          return;
        }
        token = t;
        openSocket(gen);
      }, loop.executor());
      return;
    }
    openSocket(gen);
  }

  private void openSocket(int gen) {
    connectTimer = loop.schedule(options.timeout().toMillis(), () -> {
      if (gen == generation && state == State.CONNECTING) {
        dropTransport(3004, "connect timed out");
      }
    });
    // A socket's messages and end go to the event loop, unless a newer socket replaced it.
    WebSocketConnection.open(options.httpClient(), options.uri(), options.timeout(),
        text -> onLoop(() -> {
          if (gen == generation && connection != null) {
            inbound.onFrame(text);
          }
        }),
        (code, reason) -> onLoop(() -> {
          if (gen == generation && connection != null) {
            onTransportClosed(code, reason);
          }
        }))
        .whenCompleteAsync((opened, error) -> {
          if (gen != generation) {
            if (opened != null) {
              opened.close(false);
            }
            return;
          }
          if (error != null) {
            listener.onError(new Events.Error("transport", unwrap(error)));
            onTransportClosed(1006, "cannot connect: " + unwrap(error).getMessage());
            return;
          }
          connection = opened;
          sendConnect(gen);
        }, loop.executor());
  }

  /**
   * Sends {@code connect}; unless {@code subscribeOnConnect} is off, every subscription waiting to
   * subscribe goes into its {@code subs} with its recovery position.
   */
  private void sendConnect(int gen) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", options.name());
    params.put("version", SdkVersion.VALUE);
    // The router reads arrays: a burst of publications arrives as one message.
    params.put("batch", true);
    if (token != null) {
      params.put("token", token);
    }
    Map<String, Subscription> inConnect =
        options.subscribeOnConnect() ? subscribing.addTo(params) : Map.of();
    request("connect", Json.write(params), new PendingRequest("connect",
        r -> {
          if (gen == generation) {
            onConnected(r, inConnect);
          }
        },
        e -> {
          if (gen != generation) {
            return;
          }
          if (e instanceof HeraldException h && h.code() == HeraldException.TOKEN_EXPIRED
              && options.tokenSupplier() != null) {
            token = null;
          }
          listener.onError(new Events.Error("connect", e));
        }, null, null));
  }

  private void onConnected(Map<?, ?> r, Map<String, Subscription> inConnect) {
    EventLoop.cancel(connectTimer);
    backoff.reset();
    clientId = Values.string(r.get("client"));
    state = State.CONNECTED;
    long pingSeconds = Values.longValue(r.get("ping"));
    heartbeat.start(pingSeconds);
    if (Values.bool(r.get("expires"))) {
      refresher.schedule(Values.longValue(r.get("ttl")));
    }
    listener.onConnected(new Events.Connected(clientId, Values.string(r.get("user")), pingSeconds));
    subscribing.connected(Values.map(r.get("subs")), inConnect);
    for (QueuedPublish p = queue.poll(); p != null; p = state == State.CONNECTED ? queue.poll() : null) {
      sendPublish(p);
    }
    connectWaiters.forEach(f -> f.complete(null));
    connectWaiters.clear();
  }

  private void onTransportClosed(int code, String reason) {
    connection = null;
    heartbeat.stop();
    refresher.stop();
    EventLoop.cancel(connectTimer);
    boolean reconnect = shouldReconnect(code);
    if (serverDisconnect != null) {
      code = (int) Values.longValue(serverDisconnect.get("code"));
      reason = Values.string(serverDisconnect.get("reason"));
      reconnect = !Boolean.FALSE.equals(serverDisconnect.get("reconnect"));
      serverDisconnect = null;
    }
    failPending(new HeraldException(HeraldException.CONNECTION_LOST,
        "connection lost (" + code + " " + reason + ")"), code != 1009);
    for (Subscription sub : snapshotSubs()) {
      sub.connectionLost(code, reason);
    }
    if (code == 3005) {
      if (options.tokenSupplier() == null) {
        enterDisconnected(new Events.StateChange(code,
            reason + ": the token expired and there is no token supplier"));
        return;
      }
      token = null;
    }
    if (state == State.DISCONNECTED) {
      return;
    }
    if (reconnect) {
      scheduleReconnect(new Events.StateChange(code, reason));
    } else {
      enterDisconnected(new Events.StateChange(code, reason));
    }
  }

  private void scheduleReconnect(Events.StateChange why) {
    setState(State.CONNECTING, why);
    long delay = backoff.next();
    lastReconnectDelay = delay;
    EventLoop.cancel(reconnectTimer);
    reconnectTimer = loop.schedule(delay, () -> {
      if (state == State.CONNECTING && connection == null) {
        openTransport();
      }
    });
  }

  private void enterDisconnected(Events.StateChange why) {
    generation++;
    failPending(new HeraldException(HeraldException.DISCONNECTED, "disconnected: " + why.reason()),
        false);
    for (Subscription sub : snapshotSubs()) {
      sub.connectionLost(why.code(), why.reason());
    }
    HeraldException error = new HeraldException(HeraldException.DISCONNECTED,
        "disconnected (" + why.code() + " " + why.reason() + ")");
    queue.failAll(error);
    connectWaiters.forEach(f -> f.completeExceptionally(error));
    connectWaiters.clear();
    setState(State.DISCONNECTED, why);
  }

  private void setState(State next, Events.StateChange why) {
    if (state == next) {
      return;
    }
    state = next;
    clientId = "";
    if (next == State.CONNECTING) {
      listener.onConnecting(why);
    } else if (next == State.DISCONNECTED) {
      listener.onDisconnected(why);
    }
  }

  private void dropTransport(int code, String reason) {
    closeTransport(false);
    onTransportClosed(code, reason);
  }

  /** Stops listening to the socket; politely closes it, or aborts it at once. */
  private void closeTransport(boolean polite) {
    WebSocketConnection c = connection;
    connection = null;
    generation++;
    refresher.stop();
    if (c != null) {
      c.close(polite);
    }
  }

  // ---- requests ----

  private void sendPublish(QueuedPublish entry) {
    String params = "{\"channel\":" + Json.write(entry.channel()) + ",\"data\":" + entry.data()
        + ",\"idempotencyKey\":\"" + entry.key() + "\"}";
    request("publish", params, new PendingRequest("publish",
        r -> entry.result().complete(new Results.Publish(Values.position(r))),
        entry.result()::completeExceptionally, null, entry));
  }

  private CompletableFuture<Map<?, ?>> call(String method, Map<String, ?> params) {
    CompletableFuture<Map<?, ?>> result = new CompletableFuture<>();
    String encoded = Json.write(params);
    whenConnected().whenCompleteAsync((ok, error) -> {
      if (error != null) {
        result.completeExceptionally(unwrap(error));
      } else {
        request(method, encoded, new PendingRequest(method, result::complete,
            result::completeExceptionally, null, null));
      }
    }, loop.executor());
    return result;
  }

  private long request(String method, String paramsJson, PendingRequest p) {
    long id = requests.add(p);
    if (!sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method
        + "\",\"params\":" + paramsJson + "}")) {
      requests.take(id);
      if (p.retry() != null) {
        queue.retryFirst(List.of(p.retry()));
      } else {
        p.reject().accept(new HeraldException(HeraldException.CONNECTION_LOST,
            method + ": not connected"));
      }
    }
    return id;
  }

  private boolean sendText(String text) {
    WebSocketConnection c = connection;
    if (c == null) {
      return false;
    }
    c.send(text);
    return true;
  }

  private void failPending(HeraldException error, boolean retryPublishes) {
    List<QueuedPublish> retry = new ArrayList<>();
    for (PendingRequest p : requests.takeAll()) {
      if (p.retry() != null && retryPublishes) {
        retry.add(p.retry());
      } else {
        p.reject().accept(error);
      }
    }
    queue.retryFirst(retry);
  }

  private CompletableFuture<Void> whenConnected() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    onLoop(() -> {
      if (state == State.CONNECTED) {
        f.complete(null);
      } else if (state == State.DISCONNECTED) {
        f.completeExceptionally(new HeraldException(HeraldException.DISCONNECTED,
            "disconnected: call connect() first"));
      } else {
        connectWaiters.add(f);
        loop.schedule(options.timeout().toMillis(), () -> {
          if (connectWaiters.remove(f)) {
            f.completeExceptionally(new HeraldException(HeraldException.TIMEOUT,
                "not connected within " + options.timeout().toMillis() + " ms"));
          }
        });
      }
    });
    return f;
  }

  private List<Subscription> snapshotSubs() {
    return subs.snapshot();
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String idempotencyKey() {
    byte[] bytes = new byte[16];
    KEYS.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The reconnect rule of close codes: 3500-3999 and 4500-4999 mean stay away, and so do
   * protocol faults of the client (1002, 1003, 1007); everything else reconnects.
   */
  public static boolean shouldReconnect(int code) {
    if ((code >= 3500 && code < 4000) || (code >= 4500 && code < 5000)) {
      return false;
    }
    return code != 1002 && code != 1003 && code != 1007;
  }
}
