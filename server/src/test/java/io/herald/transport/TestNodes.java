package io.herald.transport;

import io.herald.api.ApiService;
import io.herald.auth.TokenVerifier;
import io.herald.config.ApiConfig;
import io.herald.config.ClientConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.TokenConfig;
import io.herald.engine.memory.MemoryEngine;
import io.herald.node.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A real node for transport tests: memory broker, anonymous clients allowed, every channel of the
 * default namespace open to everyone, and a verifier that accepts no token.
 */
final class TestNodes {

  static final String API_KEY = "test-api-key";
  static final String ALLOWED_ORIGIN = "https://app.example.com";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  private TestNodes() {}

  /** Documented defaults, except: anonymous allowed and the given message and queue limits. */
  static ClientConfig client(int maxMessageSize, int queueMaxSize) {
    return ClientConfig.defaults()
        .with("maxMessageSize", maxMessageSize)
        .with("queueMaxSize", queueMaxSize)
        .with("allowAnonymous", true);
  }

  static HeraldConfig config(List<String> allowedOrigins, ClientConfig client) {
    return new HeraldConfig(
        0,
        "127.0.0.1",
        allowedOrigins,
        TokenConfig.none(),
        new ApiConfig(API_KEY),
        client,
        NamespaceConfig.permissive(""),
        List.of());
  }

  static HeraldConfig config(List<String> allowedOrigins) {
    return config(allowedOrigins, client(65536, 1048576));
  }

  static HeraldConfig config() {
    return config(List.of(ALLOWED_ORIGIN));
  }

  static Node node(HeraldConfig config) {
    return new Node(
        config,
        TokenVerifier.create(config.token(), CLOCK),
        MemoryEngine.create(CLOCK),
        io.herald.protocol.jsonrpc.JsonRpcProtocol.withDefaults(),
        CLOCK,
        "test-node");
  }

  static ApiService api(Node node) {
    return new ApiService(node, API_KEY);
  }

  /** Default ping interval in seconds, as the connect result reports it. */
  static long pingSeconds() {
    return ClientConfig.defaults().pingInterval().toSeconds();
  }

  static Duration pongTimeout() {
    return ClientConfig.defaults().pongTimeout();
  }
}
