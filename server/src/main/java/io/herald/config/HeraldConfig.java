package io.herald.config;

import java.time.Duration;
import java.util.List;

/**
 * The whole configuration of one Herald node: an immutable tree, loaded once at start from
 * YAML (or JSON), {@code HERALD_*} environment variables and command-line flags, then validated
 * by {@link ConfigLoader}. Every key is documented with its default in {@code docs/config.md}.
 *
 * @param port TCP port for clients, the server API and the dev page; default 8000
 * @param address address to bind; default {@code 0.0.0.0}
 * @param allowedOrigins browser {@code Origin} values that may connect (WebSocket, SSE,
 *     long-poll; the fallback transports answer them with CORS headers, credentials allowed);
 *     {@code "*"} allows all;
 *     a request without an {@code Origin} header (a non-browser client) is always allowed;
 *     default empty (browsers from any origin are refused)
 * @param token how connection and subscription tokens (JWT) are verified
 * @param api the server HTTP API
 * @param client per-connection settings and limits
 * @param defaultNamespace options of channels without a {@code ns:} prefix
 * @param namespaces named namespaces; a channel {@code ns:name} whose namespace is not listed is
 *     refused with error 102
 * @param proxy calls to the application's backend over HTTP; every endpoint off by default
 * @param internal a separate port for metrics, health, readiness and the admin UI
 * @param admin the admin web UI
 * @param shutdown graceful shutdown
 * @param tls TLS on the client port; off by default
 * @param websocket WebSocket options (compression)
 * @param engine where the cluster's shared state lives: memory (one node) or Redis
 * @param ingest ingestion from event streams (Kafka, NATS, Redis Streams, Dapr); off by default
 * @param fallback the SSE and long-poll fallback transports
 * @param broker what carries publications and control messages between nodes: the engine's own
 *     (memory or Redis pub/sub) by default, or NATS
 * @param demo the demo page at {@code /}; off by default ({@code herald dev} turns it on)
 * @param pusher the Pusher Channels protocol: its apps; off by default
 * @param webhooks receivers of events (channel occupied and vacated, user online and offline,
 *     presence join and leave) as signed HTTP {@code POST}s; default none (docs/webhooks.md)
 * @param webhookOfflineGrace how long a user must have no connection on any node before {@code
 *     user.offline} is sent; a reconnect within it sends nothing; default 5s
 */
public record HeraldConfig(
    int port,
    String address,
    List<String> allowedOrigins,
    TokenConfig token,
    ApiConfig api,
    ClientConfig client,
    NamespaceConfig defaultNamespace,
    List<NamespaceConfig> namespaces,
    ProxyConfig proxy,
    InternalConfig internal,
    AdminConfig admin,
    ShutdownConfig shutdown,
    TlsConfig tls,
    WebSocketConfig websocket,
    EngineConfig engine,
    IngestConfig ingest,
    FallbackConfig fallback,
    BrokerConfig broker,
    DemoConfig demo,
    PusherConfig pusher,
    List<WebhookEndpoint> webhooks,
    Duration webhookOfflineGrace) {

  /** Default client port. */
  public static final int DEFAULT_PORT = 8000;

  /** Default {@link #webhookOfflineGrace()}. */
  public static final Duration DEFAULT_WEBHOOK_OFFLINE_GRACE = Duration.ofSeconds(5);

  public HeraldConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    namespaces = List.copyOf(namespaces);
    webhooks = webhooks == null ? null : List.copyOf(webhooks);
  }

  /**
   * A configuration with the optional sections (proxy, operations, TLS, WebSocket, engine,
   * ingestion, fallback, broker, Pusher, webhooks) at their defaults.
   */
  public HeraldConfig(
      int port,
      String address,
      List<String> allowedOrigins,
      TokenConfig token,
      ApiConfig api,
      ClientConfig client,
      NamespaceConfig defaultNamespace,
      List<NamespaceConfig> namespaces) {
    this(port, address, allowedOrigins, token, api, client, defaultNamespace, namespaces,
        ProxyConfig.defaults(), InternalConfig.defaults(), AdminConfig.defaults(),
        ShutdownConfig.defaults(), TlsConfig.none(), WebSocketConfig.defaults(),
        EngineConfig.defaults(), IngestConfig.none(), FallbackConfig.defaults(),
        BrokerConfig.defaults(), DemoConfig.defaults(), PusherConfig.none(), List.of(),
        DEFAULT_WEBHOOK_OFFLINE_GRACE);
  }

  /** A configuration with every default and no secrets: connecting needs a token config. */
  public static HeraldConfig defaults() {
    return new HeraldConfig(
        DEFAULT_PORT,
        "0.0.0.0",
        List.of(),
        TokenConfig.none(),
        new ApiConfig(null),
        ClientConfig.defaults(),
        NamespaceConfig.defaults(""),
        List.of());
  }

  /**
   * A copy with one top-level section or value changed, e.g. {@code with("proxy", proxy)}.
   *
   * @throws IllegalArgumentException when {@code key} is not a component of this record
   */
  public HeraldConfig with(String key, Object value) {
    if (!Records.names(HeraldConfig.class).contains(key)) {
      throw new IllegalArgumentException("no top-level key " + key);
    }
    return Records.with(this, new String[] {key}, 0, value);
  }

  /** Returns a copy listening on {@code newPort}. */
  public HeraldConfig withPort(int newPort) {
    return with("port", newPort);
  }

  /** Returns a copy with {@code newProxy}. */
  public HeraldConfig withProxy(ProxyConfig newProxy) {
    return with("proxy", newProxy);
  }

  /** Returns a copy with {@code newInternal}, {@code newAdmin} and {@code newShutdown}. */
  public HeraldConfig withOperations(
      InternalConfig newInternal, AdminConfig newAdmin, ShutdownConfig newShutdown) {
    return with("internal", newInternal).with("admin", newAdmin).with("shutdown", newShutdown);
  }

  /** True when {@code origin} may open a WebSocket or a fallback connection. */
  public boolean originAllowed(String origin) {
    return origin == null || allowedOrigins.contains("*") || allowedOrigins.contains(origin);
  }
}
