package io.herald.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Builder-style options of a {@link HeraldClient}; every one has a default (see {@link
 * ClientOptions}). Not thread-safe; {@link #build()} may be called more than once.
 */
public final class ClientBuilder {
  private final URI uri;
  private String token;
  private Supplier<CompletableFuture<String>> tokenSupplier;
  private String name = "herald-java";
  private Duration minReconnectDelay = Duration.ofMillis(500);
  private Duration maxReconnectDelay = Duration.ofSeconds(20);
  private Duration timeout = Duration.ofSeconds(10);
  private Duration maxPingDelay = Duration.ofSeconds(10);
  private int maxQueuedPublishes = 1000;
  private double refreshAt = 0.8;
  private ClientListener listener = new ClientListener() {};
  private HttpClient httpClient;
  private ScheduledExecutorService scheduler;
  private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  private boolean subscribeOnConnect = true;

  ClientBuilder(URI uri) {
    this.uri = uri;
  }

  public ClientBuilder token(String t) {
    this.token = t;
    return this;
  }

  public ClientBuilder tokenSupplier(Supplier<CompletableFuture<String>> s) {
    this.tokenSupplier = s;
    return this;
  }

  public ClientBuilder name(String n) {
    this.name = n;
    return this;
  }

  public ClientBuilder reconnectDelay(Duration min, Duration max) {
    this.minReconnectDelay = min;
    this.maxReconnectDelay = max;
    return this;
  }

  public ClientBuilder timeout(Duration t) {
    this.timeout = t;
    return this;
  }

  public ClientBuilder maxPingDelay(Duration d) {
    this.maxPingDelay = d;
    return this;
  }

  public ClientBuilder maxQueuedPublishes(int n) {
    this.maxQueuedPublishes = n;
    return this;
  }

  public ClientBuilder refreshAt(double fraction) {
    this.refreshAt = fraction;
    return this;
  }

  public ClientBuilder listener(ClientListener l) {
    this.listener = Objects.requireNonNull(l);
    return this;
  }

  public ClientBuilder httpClient(HttpClient c) {
    this.httpClient = c;
    return this;
  }

  public ClientBuilder scheduler(ScheduledExecutorService s) {
    this.scheduler = s;
    return this;
  }

  public ClientBuilder random(DoubleSupplier r) {
    this.random = r;
    return this;
  }

  /**
   * Whether a (re)connect subscribes every pending subscription inside {@code connect}'s
   * {@code subs}, with recovery; default true. False sends one {@code subscribe} per channel.
   */
  public ClientBuilder subscribeOnConnect(boolean inConnect) {
    this.subscribeOnConnect = inConnect;
    return this;
  }

  /**
   * @throws IllegalArgumentException when an option is out of range
   */
  public HeraldClient build() {
    if (!uri.getScheme().equals("ws") && !uri.getScheme().equals("wss")) {
      throw new IllegalArgumentException("url must be ws:// or wss://, got " + uri);
    }
    if (maxQueuedPublishes < 0 || !(refreshAt > 0 && refreshAt < 1)
        || timeout.isNegative() || timeout.isZero() || maxPingDelay.isNegative()) {
      throw new IllegalArgumentException(
          "need maxQueuedPublishes >= 0, 0 < refreshAt < 1, timeout > 0, maxPingDelay >= 0");
    }
    HttpClient http = httpClient != null ? httpClient
        : HttpClient.newBuilder().connectTimeout(timeout).build();
    return HeraldClient.create(new ClientOptions(uri, token, tokenSupplier, name,
        minReconnectDelay, maxReconnectDelay, timeout, maxPingDelay, maxQueuedPublishes,
        refreshAt, listener, http, scheduler, random, subscribeOnConnect));
  }
}
