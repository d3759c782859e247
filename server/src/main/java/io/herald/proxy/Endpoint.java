package io.herald.proxy;

import io.herald.config.ProxyEndpoint;
import io.herald.config.SafeUrl;
import io.herald.node.protocol.Handshake;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One configured backend URL: its timeout, the handshake headers it forwards, its name for logs.
 * Immutable and thread-safe.
 */
final class Endpoint {

  /** What Herald accepts back: JSON, and for rpc the two streaming types. */
  static final String ACCEPT = "application/json, application/x-ndjson, text/event-stream";

  private final ProxyEndpoint config;
  private final URI uri;

  Endpoint(ProxyEndpoint config) {
    this.config = config;
    this.uri = URI.create(config.endpoint());
  }

  Duration timeout() {
    return config.timeout();
  }

  /** The forwarded headers present in {@code handshake}, by their configured names. */
  Map<String, String> forwarded(Handshake handshake) {
    return handshake.select(config.headers());
  }

  /** The URL without credentials (user info, query): this text goes to logs. */
  @Override
  public String toString() {
    return SafeUrl.of(uri);
  }
}
