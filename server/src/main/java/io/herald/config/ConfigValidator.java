package io.herald.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a config must follow, checked in the order keys appear in the file; the first broken
 * rule is thrown as a {@link ConfigException} naming its key. Secret values are never quoted.
 */
final class ConfigValidator {

  private static final Pattern NAMESPACE_NAME = Pattern.compile("[A-Za-z0-9_\\-.]{1,64}");
  private static final String NAME_RULE = "use 1-64 letters, digits, _ - or .";
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  /** HS256 needs a key of at least 256 bits (RFC 7518, section 3.2). */
  static final int MIN_HMAC_SECRET_BYTES = 32;

  /** Shortest server API key accepted. */
  static final int MIN_API_KEY_LENGTH = 16;

  private ConfigValidator() {}

  static HeraldConfig validate(HeraldConfig c) {
    if (c.port() < 0 || c.port() > 65535) {
      fail("port", c.port() + " is out of range; allowed 1-65535 (or 0: any free port)");
    }
    if (c.address() == null || c.address().isBlank()) {
      fail("address", "must not be empty; use an IP address or host name, e.g. 0.0.0.0");
    }
    List<String> origins = c.allowedOrigins();
    for (int i = 0; i < origins.size(); i++) {
      String problem = Origins.problem(origins.get(i));
      if (problem != null) {
        fail("allowedOrigins[" + i + "]", problem);
      }
    }
    token(required(c.token(), "token"));
    api(required(c.api(), "api"));
    client(required(c.client(), "client"));
    tls(required(c.tls(), "tls"));
    WebSocketConfig ws = required(c.websocket(), "websocket");
    atLeast("websocket.compressionMinSize", ws.compressionMinSize(), 0);
    range("websocket.compressionLevel", ws.compressionLevel(), 1, 9);
    fallback(required(c.fallback(), "fallback"));
    NamespaceConfig dflt = required(c.defaultNamespace(), "defaultNamespace");
    if (!"".equals(dflt.name())) {
      fail(
          "defaultNamespace.name",
          "must be empty, got "
              + (dflt.name() == null ? "null" : Scalars.quote(dflt.name()))
              + "; the default namespace has no name, define named ones under namespaces");
    }
    namespace(dflt, "defaultNamespace");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < c.namespaces().size(); i++) {
      NamespaceConfig ns = c.namespaces().get(i);
      String key = "namespaces[" + i + "]";
      required(ns, key);
      if (ns.name() == null || ns.name().isEmpty()) {
        fail(key + ".name", "missing; every namespace needs a name (" + NAME_RULE + ")");
      }
      if (!NAMESPACE_NAME.matcher(ns.name()).matches()) {
        fail(key + ".name", Scalars.quote(ns.name()) + " is not a valid name; " + NAME_RULE);
      }
      if (!names.add(ns.name())) {
        fail(
            key + ".name",
            Scalars.quote(ns.name()) + " is defined twice; namespace names must be unique");
      }
      namespace(ns, key);
    }
    internal(required(c.internal(), "internal"), c.port());
    admin(required(c.admin(), "admin"));
    shutdown(required(c.shutdown(), "shutdown"));
    broker(required(c.broker(), "broker"));
    required(c.demo(), "demo");
    ProxyConfig proxy = required(c.proxy(), "proxy");
    ProxyRules.check(proxy);
    ProxyRules.namespace(dflt, "defaultNamespace", proxy);
    for (int i = 0; i < c.namespaces().size(); i++) {
      ProxyRules.namespace(c.namespaces().get(i), "namespaces[" + i + "]", proxy);
    }
    RedisRules.check(required(c.engine(), "engine"));
    IngestRules.check(required(c.ingest(), "ingest"));
    PusherRules.check(required(c.pusher(), "pusher"));
    WebhookRules.check(c);
    return c;
  }

  /** Shortest admin password accepted. */
  static final int MIN_ADMIN_PASSWORD_LENGTH = 12;

  private static void internal(InternalConfig i, int clientPort) {
    if (i.port() < -1 || i.port() > 65535) {
      fail(
          "internal.port",
          i.port() + " is out of range; allowed 1-65535, 0 (any free port) or -1 (off)");
    }
    if (i.port() > 0 && i.port() == clientPort) {
      fail("internal.port", i.port() + " is the client port; use another one, or -1 (off)");
    }
    if (i.address() != null && i.address().isBlank()) {
      fail("internal.address", "must not be empty; leave it out to use the client address");
    }
  }

  private static void admin(AdminConfig a) {
    if (a.password() != null && a.password().length() < MIN_ADMIN_PASSWORD_LENGTH) {
      fail(
          "admin.password",
          "is "
              + a.password().length()
              + " characters long; use at least "
              + MIN_ADMIN_PASSWORD_LENGTH
              + " (e.g. openssl rand -base64 18)");
    }
    atLeast("admin.sessionTtl", a.sessionTtl(), ONE_SECOND);
    atLeast("admin.maxFailedLogins", a.maxFailedLogins(), 1);
    atLeast("admin.lockout", a.lockout(), ONE_SECOND);
    atLeast("admin.maxFailedLoginsTotal", a.maxFailedLoginsTotal(), 1);
  }

  private static void fallback(FallbackConfig f) {
    String cookie = f.tokenCookie();
    if (cookie == null || !cookie.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]*")) {
      fail("fallback.tokenCookie", (cookie == null ? "null" : Scalars.quote(cookie))
          + " is not a cookie name; use letters, digits and !#$%&'*+.^_`|~- (or \"\" for none)");
    }
    atLeast("fallback.maxRequestSize", f.maxRequestSize(), 64);
    atLeast("fallback.bufferSize", f.bufferSize(), 1024);
    atLeast("fallback.pollTimeout", f.pollTimeout(), ONE_SECOND);
    atLeast("fallback.sessionIdleTimeout", f.sessionIdleTimeout(), ONE_SECOND);
    atLeast("fallback.heartbeatInterval", f.heartbeatInterval(), ONE_SECOND);
    range("fallback.maxEndedSessions", f.maxEndedSessions(), 1000, 10_000_000);
  }

  private static void shutdown(ShutdownConfig s) {
    atLeast("shutdown.drainPeriod", s.drainPeriod(), Duration.ZERO);
    atLeast("shutdown.timeout", s.timeout(), ONE_SECOND);
    if (s.timeout().compareTo(s.drainPeriod()) <= 0) {
      fail(
          "shutdown.timeout",
          Durations.format(s.timeout())
              + " is too short; must be more than shutdown.drainPeriod ("
              + Durations.format(s.drainPeriod())
              + ")");
    }
  }

  private static final Pattern NATS_PREFIX =
      Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){0,7}");

  private static void broker(BrokerConfig b) {
    if (!BrokerConfig.ENGINE.equals(b.type()) && !BrokerConfig.NATS.equals(b.type())) {
      fail("broker.type", (b.type() == null ? "null" : Scalars.quote(b.type()))
          + " is not a broker; allowed: engine (the engine's own pub/sub), nats");
    }
    NatsConfig n = required(b.nats(), "broker.nats");
    if (!b.isNats()) {
      return;
    }
    if (n.url() == null || n.url().isBlank()) {
      fail("broker.nats.url", "must not be empty; e.g. nats://127.0.0.1:4222");
    }
    for (String url : n.url().split("\\s*,\\s*")) {
      if (!url.matches("(?i)(nats|tls|ws|wss)://[^\\s/]+(:[0-9]{1,5})?/?")) {
        fail("broker.nats.url", "has " + Scalars.quote(url.replaceAll("//[^@/]*@", "//***@"))
            + ", not a NATS URL; use nats://host:port (several separated by commas)");
      }
    }
    if (n.prefix() == null || !NATS_PREFIX.matcher(n.prefix()).matches()) {
      fail("broker.nats.prefix", (n.prefix() == null ? "null" : Scalars.quote(n.prefix()))
          + " is not a subject prefix; use letters, digits, _ and -, tokens separated by ."
          + " (e.g. herald or acme.herald)");
    }
    atLeast("broker.nats.connectTimeout", n.connectTimeout(), Duration.ofMillis(100));
    atLeast("broker.nats.reconnectWait", n.reconnectWait(), Duration.ofMillis(10));
    atLeast("broker.nats.reconnectMaxWait", n.reconnectMaxWait(), n.reconnectWait());
    atLeast("broker.nats.maxPendingMessages", n.maxPendingMessages(), 1);
    atLeast("broker.nats.reorderWindow", n.reorderWindow(), Duration.ZERO);
    KeyFiles.check("broker.nats.credentialsFile", n.credentialsFile(), KeyFiles.NATS_CREDENTIALS);
    if (n.reorderWindow().compareTo(Duration.ofSeconds(5)) > 0) {
      fail("broker.nats.reorderWindow", Durations.format(n.reorderWindow())
          + " is too long; at most 5s (it delays publications that arrive early)");
    }
  }

  private static void token(TokenConfig t) {
    if (t.hmacSecret() != null) {
      int bytes = t.hmacSecret().getBytes(StandardCharsets.UTF_8).length;
      if (bytes < MIN_HMAC_SECRET_BYTES) {
        fail(
            "token.hmacSecret",
            "is "
                + bytes
                + " bytes long; HS256 needs at least "
                + MIN_HMAC_SECRET_BYTES
                + " bytes (256 bits): use herald genconfig or openssl rand -base64 32");
      }
    }
    KeyFiles.check("token.rsaPublicKey", t.rsaPublicKey());
    KeyFiles.check("token.ecdsaPublicKey", t.ecdsaPublicKey());
    if (t.jwksUrl() != null && !KeyFiles.isHttpUrl(t.jwksUrl())) {
      fail(
          "token.jwksUrl",
          Scalars.quote(SafeUrl.of(t.jwksUrl()))
              + " is not an http(s) URL; use e.g. https://auth.example.com/.well-known/jwks.json");
    }
    atLeast("token.jwksCacheTtl", t.jwksCacheTtl(), ONE_SECOND);
    notBlankIfSet("token.audience", t.audience());
    notBlankIfSet("token.issuer", t.issuer());
    atLeast("token.jwksMaxStale", t.jwksMaxStale(), Duration.ZERO);
    atLeast("token.leeway", t.leeway(), Duration.ZERO);
    if (t.leeway().compareTo(MAX_LEEWAY) > 0) {
      fail("token.leeway", Durations.format(t.leeway()) + " is too long; at most 5m");
    }
  }

  /** Longest {@code token.leeway} accepted: more would keep expired tokens alive. */
  static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

  private static void tls(TlsConfig t) {
    if ((t.certFile() == null) != (t.keyFile() == null)) {
      fail(t.certFile() == null ? "tls.certFile" : "tls.keyFile",
          "missing; set both tls.certFile and tls.keyFile for TLS, or neither for plain HTTP");
    }
    KeyFiles.check("tls.certFile", t.certFile());
    KeyFiles.check("tls.keyFile", t.keyFile());
  }

  private static void api(ApiConfig a) {
    if (a.key() != null && a.key().length() < MIN_API_KEY_LENGTH) {
      fail(
          "api.key",
          "is "
              + a.key().length()
              + " characters long; use at least "
              + MIN_API_KEY_LENGTH
              + " (herald genconfig makes one)");
    }
    atLeast("api.maxBodySize", a.maxBodySize(), 1024);
  }

  private static void client(ClientConfig c) {
    atLeast("client.pingInterval", c.pingInterval(), ONE_SECOND);
    atLeast("client.pongTimeout", c.pongTimeout(), ONE_SECOND);
    if (c.pongTimeout().compareTo(c.pingInterval()) >= 0) {
      fail(
          "client.pongTimeout",
          Durations.format(c.pongTimeout())
              + " is too long; must be less than client.pingInterval ("
              + Durations.format(c.pingInterval())
              + ")");
    }
    atLeast("client.connectTimeout", c.connectTimeout(), ONE_SECOND);
    atLeast("client.expiryGrace", c.expiryGrace(), Duration.ZERO);
    range("client.maxMessageSize", c.maxMessageSize(), 128, 64 * 1024 * 1024);
    atLeast("client.channelLimit", c.channelLimit(), 1);
    atLeast("client.queueMaxSize", c.queueMaxSize(), 1024);
    range("client.maxCoalescedMessages", c.maxCoalescedMessages(), 1, 1024);
    range("client.maxCoalescedSize", c.maxCoalescedSize(), 128, 64 * 1024 * 1024);
    atLeast("client.maxBatchSize", c.maxBatchSize(), 1);
    range("client.maxJsonDepth", c.maxJsonDepth(), 2, 1000);
    atLeast("client.maxPendingFrames", c.maxPendingFrames(), 1);
    range("client.recoveryMaxPublicationLimit", c.recoveryMaxPublicationLimit(), 1, 100_000);
    atLeast("client.rateLimit", c.rateLimit(), 0);
    atLeast("client.rateBurst", c.rateBurst(), 1);
    atLeast("client.rateLimitGrace", c.rateLimitGrace(), Duration.ZERO);
    atLeast("client.userConnectionLimit", c.userConnectionLimit(), 0);
    atLeast("client.connectionLimit", c.connectionLimit(), 0);
    atLeast("client.connectionRatePerAddress", c.connectionRatePerAddress(), 0);
    atLeast("client.connectionBurstPerAddress", c.connectionBurstPerAddress(), 1);
    range("client.maxJsonStringLength", c.maxJsonStringLength(), 16, 64 * 1024 * 1024);
    atLeast("client.maxJsonTokens", c.maxJsonTokens(), 16);
    range("client.maxRequestLineLength", c.maxRequestLineLength(), 256, 65536);
    range("client.maxRequestHeaderSize", c.maxRequestHeaderSize(), 1024, 1024 * 1024);
    range("client.maxPipelinedRequests", c.maxPipelinedRequests(), 1, 1024);
    atLeast("client.maxPendingHandshakes", c.maxPendingHandshakes(), 0);
    atLeast("client.maxPendingHandshakesPerAddress", c.maxPendingHandshakesPerAddress(), 0);
  }

  private static void namespace(NamespaceConfig ns, String key) {
    atLeast(key + ".historySize", ns.historySize(), 0);
    atLeast(key + ".historyTtl", ns.historyTtl(), Duration.ZERO);
    atLeast(key + ".historyMetaTtl", ns.historyMetaTtl(), ONE_SECOND);
    atLeast(key + ".readMetaTtl", ns.readMetaTtl(), ONE_SECOND);
    atLeast(key + ".presenceTtl", ns.presenceTtl(), ONE_SECOND);
    atLeast(key + ".idempotencyWindow", ns.idempotencyWindow(), ONE_SECOND);
    range(key + ".maxIdempotencyKeySize", ns.maxIdempotencyKeySize(), 1, 4096);
    if (ns.historyMetaTtl().compareTo(ns.historyTtl()) < 0) {
      fail(key + ".historyMetaTtl", "must be at least " + key + ".historyTtl ("
          + Durations.format(ns.historyTtl()) + "), got " + Durations.format(ns.historyMetaTtl()));
    }
    boolean size = ns.historySize() > 0;
    boolean ttl = ns.historyTtl().compareTo(Duration.ZERO) > 0;
    String both = "; set both to keep history, or both to 0 to keep none";
    if (size && !ttl) {
      fail(
          key + ".historyTtl",
          "must be more than 0 when " + key + ".historySize is " + ns.historySize() + both);
    }
    if (ttl && !size) {
      fail(
          key + ".historySize",
          "must be more than 0 when "
              + key
              + ".historyTtl is "
              + Durations.format(ns.historyTtl())
              + both);
    }
  }

  static <T> T required(T value, String key) {
    if (value == null) {
      fail(key, "missing; it must be set");
    }
    return value;
  }

  static void atLeast(String key, int value, int min) {
    if (value < min) {
      fail(key, "must be at least " + min + ", got " + value);
    }
  }

  static void atLeast(String key, Duration value, Duration min) {
    required(value, key);
    if (value.compareTo(min) < 0) {
      String got = value.isNegative() ? "a negative duration" : Durations.format(value);
      fail(key, "must be at least " + Durations.format(min) + ", got " + got);
    }
  }

  private static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      fail(key, value + " is out of range; allowed " + min + "-" + max);
    }
  }

  private static void notBlankIfSet(String key, String value) {
    if (value != null && value.isBlank()) {
      fail(key, "must not be empty; leave the key out to skip this check");
    }
  }

  static void fail(String key, String detail) {
    throw ConfigException.at(key, detail);
  }
}
