package io.herald.config;

import java.util.Map;

/**
 * One line on every key, for {@link ConfigTemplate}; keyed by {@code RecordName.component}. A
 * component without a line here makes the template fail, so a new key cannot be forgotten.
 */
final class KeyComments {

  private KeyComments() {}

  private static final String CREDENTIALS_FILE =
      "NATS .creds file (user JWT + NKey seed) or NKey seed file; null: none.";

  private static final Map<String, String> LINES =
      Map.ofEntries(
          // HeraldConfig
          line("HeraldConfig.port", "TCP port for clients, the server API and the dev page."),
          line("HeraldConfig.address", "Address to bind; 127.0.0.1: local connections only."),
          line(
              "HeraldConfig.allowedOrigins",
              "Browser origins that may open a WebSocket, e.g. [\"https://app.example.com\"];"
                  + " \"*\" allows all."),
          line("HeraldConfig.token", "How connection and subscription tokens (JWT) are verified."),
          line("HeraldConfig.api", "The server HTTP API (POST /api/<method>)."),
          line("HeraldConfig.client", "Per-connection settings and limits."),
          line(
              "HeraldConfig.defaultNamespace",
              "Options of channels without a \"ns:\" prefix; every permission defaults to false."),
          line(
              "HeraldConfig.namespaces",
              "Named namespaces: channel \"chat:room1\" takes the options of namespace \"chat\"."),
          line(
              "HeraldConfig.internal",
              "A separate port for /metrics, /health, /ready and /admin (not exposed to clients)."),
          line("HeraldConfig.admin", "The admin web UI at /admin."),
          line("HeraldConfig.shutdown", "Graceful shutdown on SIGTERM."),
          line("HeraldConfig.ingest", "Ingestion from Kafka, NATS, JetStream, Redis Streams, Dapr."),
          line("HeraldConfig.demo", "The demo page at / (herald dev turns it on)."),
          line("DemoConfig.enabled", "Serve the demo page at /; false: / answers 404."),
          line("HeraldConfig.pusher", "Pusher Channels protocol (docs/pusher.md); off: no apps."),
          line("HeraldConfig.webhooks", "Webhook receivers, e.g. - {url: https://..., secret: ...}."),
          line("HeraldConfig.webhookOfflineGrace", "No connection this long on any node: user.offline."),
          // IngestConfig
          line("IngestConfig.sources", "Sources, e.g. - {name: tasks, type: kafka, kafka: {...}}."),
          line("IngestConfig.retryMin", "First wait before retrying a message Herald could not accept."),
          line("IngestConfig.retryMax", "Longest wait between retries (doubling up to it)."),
          line("IngestConfig.daprToken", "Token Dapr sends in dapr-api-token; required with a dapr source."),
          // IngestSource
          line("IngestSource.name", "Unique source name (metrics label, logs)."),
          line("IngestSource.type", "kafka, nats, jetstream, redisStream or dapr."),
          line("IngestSource.channel", "Channel template, e.g. tasks:list#{userId}; null: body is a command."),
          line("IngestSource.kafka", "Kafka consumer (type kafka)."),
          line("IngestSource.nats", "Core NATS subscription (type nats)."),
          line("IngestSource.jetstream", "JetStream durable consumer (type jetstream)."),
          line("IngestSource.redisStream", "Redis stream consumer group (type redisStream)."),
          line("IngestSource.dapr", "Dapr pub/sub subscription (type dapr)."),
          line("KafkaSource.bootstrapServers", "host:port[,host:port] of the Kafka brokers."),
          line("KafkaSource.topics", "Topics to consume."),
          line("KafkaSource.groupId", "Consumer group."),
          line("KafkaSource.deadLetterTopic", "Topic bad messages are copied to; null: skip them."),
          line("KafkaSource.maxPollRecords", "Most records per poll."),
          line("KafkaSource.properties", "More Kafka client settings, e.g. security.protocol: SASL_SSL."),
          line("NatsSource.url", "NATS server URL(s), comma-separated."),
          line("NatsSource.subject", "Subject to subscribe to (wildcards allowed)."),
          line("NatsSource.queueGroup", "Queue group shared by the nodes; null: every node gets all."),
          line("NatsSource.credentialsFile", CREDENTIALS_FILE),
          line("JetStreamSource.url", "NATS server URL(s), comma-separated."),
          line("JetStreamSource.stream", "The stream (must exist)."),
          line("JetStreamSource.durable", "Durable consumer name, created when missing."),
          line("JetStreamSource.subject", "Filter subject; null: the whole stream."),
          line("JetStreamSource.pull", "true: pull consumer; false: push consumer."),
          line("JetStreamSource.batchSize", "Most messages per pull."),
          line("JetStreamSource.ackWait", "Redelivery after this long without an ack."),
          line("JetStreamSource.credentialsFile", CREDENTIALS_FILE),
          line("RedisStreamSource.address", "redis://host:port[/db]."),
          line("RedisStreamSource.stream", "Stream key."),
          line("RedisStreamSource.group", "Consumer group, created with the stream when missing."),
          line("RedisStreamSource.consumer", "Consumer name of this node; null: the host name."),
          line("RedisStreamSource.field", "Entry field holding the message."),
          line("RedisStreamSource.batchSize", "Most entries per XREADGROUP."),
          line("RedisStreamSource.tlsCaFile", "PEM CA certificates for rediss://; null: the JVM's."),
          line("DaprSource.pubsubName", "Dapr pub/sub component name."),
          line("DaprSource.topic", "Topic."),
          line("DaprSource.route", "Path Dapr posts to; null: /dapr/ingest/<name>."),
          // InternalConfig
          line(
              "InternalConfig.port",
              "Internal port; -1: operations stay on the client port; 0: any free port."),
          line("InternalConfig.address", "Address of the internal port; null: same as address."),
          // AdminConfig
          line(
              "AdminConfig.password",
              "Admin UI password, >= 12 characters; null: the admin UI is off."),
          line("AdminConfig.sessionTtl", "An admin login expires after this long unused."),
          line(
              "AdminConfig.maxFailedLogins",
              "Failed logins per address within lockout before it gets 429."),
          line(
              "AdminConfig.lockout",
              "Window for failed logins, and how long an address is then refused."),
          line(
              "AdminConfig.maxFailedLoginsTotal",
              "Failed logins from all addresses within lockout before each may fail only once."),
          line(
              "AdminConfig.secureCookie",
              "Mark the admin cookie Secure on plain HTTP too (behind a TLS proxy)."),
          // ShutdownConfig
          line(
              "ShutdownConfig.drainPeriod",
              "Disconnects (3001, reconnect) are spread over this long; 0s: all at once."),
          line(
              "ShutdownConfig.timeout",
              "Most a shutdown may take (more than drainPeriod); then exit status 1."),
          line(
              "HeraldConfig.tls",
              "TLS on the client port (https:// and wss://); both files or neither."),
          line("HeraldConfig.websocket", "WebSocket options of the client port."),
          line(
              "WebSocketConfig.compression",
              "Negotiate permessage-deflate (no context takeover; compressed once per message)."),
          line(
              "WebSocketConfig.compressionMinSize",
              "Messages smaller than this many bytes are sent uncompressed."),
          line("WebSocketConfig.compressionLevel", "zlib level: 1 (fastest) to 9 (smallest)."),
          line(
              "HeraldConfig.broker",
              "What carries publications and control messages between nodes."),
          line("BrokerConfig.type", "engine (memory or Redis pub/sub) or nats (NATS core pub/sub)."),
          line("BrokerConfig.nats", "The NATS connection, used when type is nats."),
          line(
              "NatsConfig.url",
              "NATS server URL(s), comma-separated; credentials may go in the URL."),
          line(
              "NatsConfig.prefix",
              "First token(s) of every subject: one Herald cluster per prefix."),
          line("NatsConfig.connectTimeout", "How long one connection attempt may take."),
          line(
              "NatsConfig.reconnectWait",
              "First wait before reconnecting; doubles per failed attempt (+ jitter)."),
          line("NatsConfig.reconnectMaxWait", "Longest wait between reconnect attempts."),
          line(
              "NatsConfig.maxPendingMessages",
              "Messages queued for sending; past it a publish fails at once."),
          line(
              "NatsConfig.reorderWindow",
              "How long an early publication waits for the offsets before it; 0: not at all."),
          line("NatsConfig.credentialsFile", CREDENTIALS_FILE),
          line(
              "HeraldConfig.fallback",
              "SSE and long-poll fallback transports for networks that block WebSocket."),
          line(
              "FallbackConfig.enabled",
              "Serve /connection/sse, /connection/longpoll and /connection/emulation."),
          line(
              "FallbackConfig.tokenCookie",
              "Cookie with the connection token when connect params have none; \"\": no cookie."),
          line("FallbackConfig.maxRequestSize", "Largest emulation POST or long-poll body (413)."),
          line(
              "FallbackConfig.bufferSize",
              "Bytes kept per fallback session for polls and SSE resume; unsent over it: 3008."),
          line(
              "FallbackConfig.pollTimeout",
              "A long-poll with nothing to send is answered empty after this."),
          line(
              "FallbackConfig.sessionIdleTimeout",
              "No SSE stream and no poll for this long: the session is closed."),
          line(
              "FallbackConfig.heartbeatInterval",
              "An idle SSE stream gets a comment line this often."),
          line(
              "FallbackConfig.maxEndedSessions",
              "Ids of ended fallback sessions each node remembers (their POSTs: 404)."),
          line(
              "HeraldConfig.engine",
              "Where nodes share pub/sub, history and presence: memory (one node) or redis."),
          line("EngineConfig.type", "memory: this process only; redis: shared by every node."),
          line("EngineConfig.redis", "How the redis engine reaches Redis (docs/scaling.md)."),
          line(
              "RedisConfig.address",
              "Redis URI, redis://[:password@]host:port[/db] or rediss:// for TLS."),
          line("RedisConfig.prefix", "Start of every Redis key and channel Herald uses."),
          line("RedisConfig.sentinel", "Redis Sentinel: set masterName to use it."),
          line("SentinelConfig.masterName", "Name of the master the sentinels monitor; null: off."),
          line("SentinelConfig.addresses", "Sentinels, e.g. [\"redis://10.0.0.1:26379\"]."),
          line("RedisConfig.cluster", "Seed addresses of a Redis Cluster; empty: not a cluster."),
          line(
              "RedisConfig.shards",
              "Independent Redis instances that channels are spread over; empty: one Redis."),
          line(
              "RedisConfig.commandTimeout",
              "A Redis command without an answer after this long fails (publish: error 108)."),
          line(
              "RedisConfig.reconnectMaxDelay",
              "Reconnects back off from 100ms up to this delay."),
          line(
              "RedisConfig.tlsCaFile",
              "PEM CA certificates trusted for rediss://; null: the JVM's trust store."),
          line("TlsConfig.certFile", "PEM certificate chain, leaf first; reloaded on SIGHUP."),
          line("TlsConfig.keyFile", "PEM private key of the leaf certificate; reloaded on SIGHUP."),
          // TokenConfig
          line(
              "TokenConfig.hmacSecret",
              "Secret for HS256/384/512 tokens, >= 32 bytes; generated here, keep it secret."),
          line("TokenConfig.rsaPublicKey", "PEM file with an RSA public key, for RS256/384/512."),
          line(
              "TokenConfig.ecdsaPublicKey",
              "PEM file with an EC public key (P-256/384/521), for ES256/384/512."),
          line("TokenConfig.jwksUrl", "URL of a JSON Web Key Set; keys are picked by kid."),
          line("TokenConfig.jwksCacheTtl", "How long keys fetched from jwksUrl are kept."),
          line("TokenConfig.audience", "When set, a token's aud must contain it."),
          line("TokenConfig.issuer", "When set, a token's iss must equal it."),
          line(
              "TokenConfig.jwksMaxStale",
              "How long JWKS keys keep working past jwksCacheTtl while the set cannot be fetched."),
          line("TokenConfig.leeway", "Clock-skew allowance for nbf, iat and exp (0s to 5m)."),
          // ApiConfig
          line(
              "ApiConfig.key",
              "Key for X-API-Key, at least 16 characters; generated here; unset: API refuses all."),
          line("ApiConfig.maxBodySize", "Largest request body in bytes (>= 1024); larger: 413."),
          // ClientConfig
          line("ClientConfig.pingInterval", "How often the server pings each client."),
          line(
              "ClientConfig.pongTimeout",
              "Time to answer a ping before close 3012; less than pingInterval."),
          line(
              "ClientConfig.connectTimeout",
              "A connection that sends no connect in this time is closed (3502)."),
          line(
              "ClientConfig.expiryGrace",
              "Time to refresh an expired token before close 3005."),
          line(
              "ClientConfig.maxMessageSize",
              "Largest inbound message in bytes (128-67108864); larger: close 1009."),
          line("ClientConfig.channelLimit", "Most channels per connection (error 106)."),
          line(
              "ClientConfig.queueMaxSize",
              "Outbound bytes queued per connection (>= 1024); above it: disconnect 3008 slow."),
          line(
              "ClientConfig.maxCoalescedMessages",
              "Most messages in one coalesced array (clients that ask batch; 1-1024)."),
          line(
              "ClientConfig.maxCoalescedSize",
              "Most bytes of one coalesced array (128-67108864); a bigger message goes alone."),
          line("ClientConfig.maxBatchSize", "Most JSON-RPC objects in one batch frame."),
          line("ClientConfig.maxJsonDepth", "Deepest nesting in an inbound frame (2-1000)."),
          line(
              "ClientConfig.maxPendingFrames",
              "Frames held while an asynchronous command completes; beyond: close 3501."),
          line(
              "ClientConfig.recoveryMaxPublicationLimit",
              "Most publications one recovery returns; missed more: recovered false."),
          line(
              "ClientConfig.rateLimit",
              "Commands per second per connection (average); beyond: error 111; 0: off."),
          line("ClientConfig.rateBurst", "Commands a connection may send at once."),
          line(
              "ClientConfig.rateLimitGrace",
              "Window: more refused in it than rateLimit allows in it: disconnect 3013."),
          line(
              "ClientConfig.userConnectionLimit",
              "Connections per user on this node; beyond: 106 and close 3504; 0: none."),
          line(
              "ClientConfig.connectionLimit",
              "Client connections on this node; beyond: handshake answered 503; 0: none."),
          line(
              "ClientConfig.connectionRatePerAddress",
              "New connections per second from one address; beyond: 503; 0: none."),
          line(
              "ClientConfig.connectionBurstPerAddress",
              "New connections one address may open at once."),
          line(
              "ClientConfig.maxJsonStringLength",
              "Longest JSON string in an inbound frame (characters); longer: -32700."),
          line(
              "ClientConfig.maxJsonTokens",
              "Most JSON tokens in an inbound frame (bounds keys and elements); more: -32700."),
          line(
              "ClientConfig.maxRequestLineLength",
              "Longest HTTP request line in bytes (URL included); longer: 414."),
          line(
              "ClientConfig.maxRequestHeaderSize",
              "Most HTTP header bytes per request; more: 431."),
          line(
              "ClientConfig.maxPipelinedRequests",
              "HTTP requests sent ahead while one is answered; one more closes the connection."),
          line(
              "ClientConfig.maxPendingHandshakes",
              "Connections with no complete first HTTP request yet, per node; 0: no limit."),
          line(
              "ClientConfig.maxPendingHandshakesPerAddress",
              "The same, per remote address; more are closed at once; 0: no limit."),
          line("ClientConfig.allowAnonymous", "Whether a client may connect without a token."),
          // NamespaceConfig
          line("NamespaceConfig.name", "Name: 1-64 letters, digits, _ - or .; unique."),
          line("NamespaceConfig.allowSubscribeForClient", "Authenticated clients may subscribe."),
          line("NamespaceConfig.allowSubscribeForAnonymous", "Anonymous clients may subscribe."),
          line(
              "NamespaceConfig.allowPublishForSubscriber",
              "A client subscribed to the channel may publish to it."),
          line(
              "NamespaceConfig.allowPublishForClient",
              "Any authenticated client may publish, subscribed or not."),
          line(
              "NamespaceConfig.allowPublishForAnonymous",
              "Anonymous clients may publish too (with one of the two above)."),
          line(
              "NamespaceConfig.allowUserLimitedChannels",
              "Channels name#u1,u2 are open to the users they list."),
          line("NamespaceConfig.allowHistoryForSubscriber", "Subscribers may read history."),
          line(
              "NamespaceConfig.allowHistoryForClient",
              "Any authenticated client may read history."),
          line("NamespaceConfig.allowPresenceForSubscriber", "Subscribers may read presence."),
          line(
              "NamespaceConfig.allowPresenceForClient",
              "Any authenticated client may read presence."),
          line(
              "NamespaceConfig.historySize",
              "Publications kept per channel for history and recovery; 0: none (with historyTtl)."),
          line(
              "NamespaceConfig.historyTtl",
              "How long kept publications live; 0s: none (with historySize)."),
          line(
              "NamespaceConfig.historyMetaTtl",
              "How long epoch and top offset outlive the last publication."),
          line(
              "NamespaceConfig.readMetaTtl",
              "How long a read keeps the epoch of a channel never published to."),
          line("NamespaceConfig.presence", "Track who is subscribed (presence, presenceStats)."),
          line(
              "NamespaceConfig.presenceTtl",
              "A presence entry not refreshed by its node for this long is gone."),
          line("NamespaceConfig.joinLeave", "Tell every subscriber of joins and leaves."),
          line(
              "NamespaceConfig.allowJoinLeaveForSubscriber",
              "Tell subscribers that ask (subscribe joinLeave: true) of joins and leaves."),
          line(
              "NamespaceConfig.idempotencyWindow",
              "How long a publish idempotencyKey is remembered."),
          line(
              "NamespaceConfig.maxIdempotencyKeySize",
              "Longest publish idempotencyKey in bytes; longer: -32602 (API: 400)."),
          line(
              "NamespaceConfig.publishProxy",
              "Client publishes go to proxy.publish first (allow, refuse, replace data)."),
          line(
              "NamespaceConfig.subscribeProxy",
              "Client subscribes go to proxy.subscribe first (allow or refuse)."),
          // HeraldConfig.proxy
          line("HeraldConfig.proxy", "Calls to your backend over HTTP (docs/proxy.md)."),
          // ProxyConfig
          line("ProxyConfig.connect", "Authenticates connects without a token (cookie, ...)."),
          line("ProxyConfig.rpc", "Answers client rpc calls: JSON, NDJSON or event streams."),
          line("ProxyConfig.publish", "Vets client publishes in namespaces with publishProxy."),
          line("ProxyConfig.subscribe", "Vets client subscribes in namespaces with subscribeProxy."),
          line(
              "ProxyConfig.connectEveryClient",
              "Send every connect to proxy.connect, with a token too (passed on unverified)."),
          line(
              "ProxyConfig.maxResponseSize",
              "Largest backend answer, or stream chunk, in bytes; larger: error 116."),
          line(
              "ProxyConfig.maxStreams",
              "Most rpc calls in progress per connection; beyond: error 106."),
          line(
              "ProxyConfig.maxInFlight",
              "Most connect/publish/subscribe backend calls in progress per node; beyond: 113."),
          line(
              "ProxyConfig.maxInFlightPerConnection",
              "The same per connection; connect subs wait their turn, other calls beyond: 106."),
          line("ProxyConfig.tlsCaFile", "PEM CA bundle trusted for https backends; null: JVM's."),
          // ProxyEndpoint
          line("ProxyEndpoint.endpoint", "Backend URL (http/https) Herald POSTs to; null: off."),
          line(
              "ProxyEndpoint.timeout",
              "Wait for the answer (for a stream: its head, then each chunk); then error 114."),
          line(
              "ProxyEndpoint.headers",
              "Handshake request headers forwarded to the backend."));

  /** The line on {@code component} of {@code type}. */
  static String of(Class<?> type, String component) {
    String key = type.getSimpleName() + "." + component;
    String line = LINES.containsKey(key) ? LINES.get(key) : FeatureKeyComments.LINES.get(key);
    if (line == null) {
      throw new IllegalStateException("no comment for " + type.getSimpleName() + "." + component);
    }
    return line;
  }

  private static Map.Entry<String, String> line(String key, String text) {
    return Map.entry(key, text);
  }
}
