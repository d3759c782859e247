package io.herald.it;

import io.herald.config.ApiConfig;
import io.herald.config.ClientConfig;
import io.herald.config.EngineConfig;
import io.herald.config.FallbackConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.ProxyConfig;
import io.herald.config.TokenConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link HeraldConfig} of a test server: port 0 on 127.0.0.1, HS256 with {@link
 * #SECRET}, the API key {@link #API_KEY}, client defaults, a permissive default namespace and
 * these namespaces:
 *
 * <ul>
 *   <li>{@code chat}: any authenticated client may subscribe and publish (not anonymous);
 *   <li>{@code tasks}: only user-limited channels ({@code tasks:list#u1}), publish by subscribers;
 *   <li>{@code secret}: nothing allowed; its {@code $} channels need a subscription token;
 *   <li>{@code ro}: clients may subscribe but never publish.
 * </ul>
 *
 * Mutable; each setter returns this.
 */
final class TestConfig {

  static final String SECRET = "herald-it-hmac-secret-0123456789abcdef";
  static final String API_KEY = "herald-it-api-key-0123456789";

  private List<String> allowedOrigins = List.of();
  private Duration pingInterval = Duration.ofSeconds(25);
  private Duration pongTimeout = Duration.ofSeconds(10);
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration expiryGrace = Duration.ofSeconds(25);
  private int maxMessageSize = 65536;
  private int channelLimit = 128;
  private int queueMaxSize = 1048576;
  private int maxBatchSize = 100;
  private int maxJsonDepth = 64;
  private int maxPendingFrames = 64;
  private int recoveryMaxPublicationLimit = 300;
  private final Map<String, Object> clientOverrides = new LinkedHashMap<>();
  private final Map<String, Object> fallbackOverrides = new LinkedHashMap<>();
  private boolean allowAnonymous;
  private int apiMaxBodySize = ApiConfig.DEFAULT_MAX_BODY_SIZE;
  private ProxyConfig proxy = ProxyConfig.defaults();
  private EngineConfig engine = EngineConfig.defaults();
  private final List<NamespaceConfig> namespaces = new ArrayList<>(List.of(
      namespace("chat", true, false, true, true, false, false),
      namespace("tasks", false, false, true, false, false, true),
      NamespaceConfig.defaults("secret"),
      namespace("ro", true, true, false, false, false, false)));

  static TestConfig create() {
    return new TestConfig();
  }

  /** Sets the engine (default: memory). */
  TestConfig engine(EngineConfig e) {
    engine = e;
    return this;
  }

  /** Sets any {@code client.*} setting, e.g. {@code client("rateLimit", 10)}. */
  TestConfig client(String setting, Object value) {
    clientOverrides.put(setting, value);
    return this;
  }

  /** Sets any {@code fallback.*} setting, e.g. {@code fallback("bufferSize", 4096)}. */
  TestConfig fallback(String setting, Object value) {
    fallbackOverrides.put(setting, value);
    return this;
  }

  TestConfig recoveryMaxPublicationLimit(int limit) {
    recoveryMaxPublicationLimit = limit;
    return this;
  }

  /** Adds (or replaces by name) a namespace. */
  TestConfig namespace(NamespaceConfig ns) {
    namespaces.removeIf(n -> n.name().equals(ns.name()));
    namespaces.add(ns);
    return this;
  }

  TestConfig allowedOrigins(String... origins) {
    allowedOrigins = List.of(origins);
    return this;
  }

  TestConfig ping(Duration interval, Duration timeout) {
    pingInterval = interval;
    pongTimeout = timeout;
    return this;
  }

  TestConfig connectTimeout(Duration d) {
    connectTimeout = d;
    return this;
  }

  TestConfig expiryGrace(Duration d) {
    expiryGrace = d;
    return this;
  }

  TestConfig maxMessageSize(int bytes) {
    maxMessageSize = bytes;
    return this;
  }

  TestConfig channelLimit(int n) {
    channelLimit = n;
    return this;
  }

  TestConfig queueMaxSize(int bytes) {
    queueMaxSize = bytes;
    return this;
  }

  TestConfig maxBatchSize(int n) {
    maxBatchSize = n;
    return this;
  }

  TestConfig maxJsonDepth(int n) {
    maxJsonDepth = n;
    return this;
  }

  TestConfig allowAnonymous(boolean allow) {
    allowAnonymous = allow;
    return this;
  }

  TestConfig apiMaxBodySize(int bytes) {
    apiMaxBodySize = bytes;
    return this;
  }

  TestConfig proxy(ProxyConfig p) {
    proxy = p;
    return this;
  }

  HeraldConfig build() {
    ClientConfig client = ClientConfig.defaults()
        .with("pingInterval", pingInterval)
        .with("pongTimeout", pongTimeout)
        .with("connectTimeout", connectTimeout)
        .with("expiryGrace", expiryGrace)
        .with("maxMessageSize", maxMessageSize)
        .with("channelLimit", channelLimit)
        .with("queueMaxSize", queueMaxSize)
        .with("maxBatchSize", maxBatchSize)
        .with("maxJsonDepth", maxJsonDepth)
        .with("maxPendingFrames", maxPendingFrames)
        .with("recoveryMaxPublicationLimit", recoveryMaxPublicationLimit)
        .with("allowAnonymous", allowAnonymous);
    for (Map.Entry<String, Object> e : clientOverrides.entrySet()) {
      client = client.with(e.getKey(), e.getValue());
    }
    FallbackConfig fallback = FallbackConfig.defaults();
    for (Map.Entry<String, Object> e : fallbackOverrides.entrySet()) {
      fallback = fallback.with(e.getKey(), e.getValue());
    }
    return new HeraldConfig(
        0,
        "127.0.0.1",
        allowedOrigins,
        new TokenConfig(SECRET, null, null, null, TokenConfig.DEFAULT_JWKS_CACHE_TTL, null, null),
        new ApiConfig(API_KEY, apiMaxBodySize),
        client,
        NamespaceConfig.permissive(""),
        namespaces).withProxy(proxy).with("fallback", fallback).with("engine", engine);
  }

  /** A namespace with the flags that matter here; history, presence and join/leave off. */
  static NamespaceConfig namespace(
      String name,
      boolean subscribeForClient,
      boolean subscribeForAnonymous,
      boolean publishForSubscriber,
      boolean publishForClient,
      boolean publishForAnonymous,
      boolean userLimitedChannels) {
    return NamespaceConfig.defaults(name)
        .with("allowSubscribeForClient", subscribeForClient)
        .with("allowSubscribeForAnonymous", subscribeForAnonymous)
        .with("allowPublishForSubscriber", publishForSubscriber)
        .with("allowPublishForClient", publishForClient)
        .with("allowPublishForAnonymous", publishForAnonymous)
        .with("allowUserLimitedChannels", userLimitedChannels);
  }
}
