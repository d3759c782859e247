package io.herald.proxy;

import io.herald.config.ProxyEndpoint;
import io.herald.config.SafeUrl;
import io.herald.node.protocol.Handshake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One configured backend URL: builds its requests (JSON body, forwarded handshake headers, the
 * HTTP version). Immutable and thread-safe.
 */
final class Endpoint {

  /** What Herald accepts back: JSON, and for rpc the two streaming types. */
  static final String ACCEPT = "application/json, application/x-ndjson, text/event-stream";

  private final ProxyEndpoint config;
  private final URI uri;
  private final HttpClient.Version version;

  Endpoint(ProxyEndpoint config) {
    this.config = config;
    this.uri = URI.create(config.endpoint());
    // HTTP/2 is offered where it is negotiated in TLS (ALPN); a cleartext backend gets HTTP/1.1
    // keep-alive rather than an h2c upgrade attempt on every new connection.
    this.version =
        uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
            ? HttpClient.Version.HTTP_2
            : HttpClient.Version.HTTP_1_1;
  }

  Duration timeout() {
    return config.timeout();
  }

  /** The forwarded headers present in {@code handshake}, by their configured names. */
  Map<String, String> forwarded(Handshake handshake) {
    return handshake.select(config.headers());
  }

  /**
   * A POST of {@code body}.
   *
   * @param withTimeout whether the HTTP client enforces the endpoint's timeout on the response
   *     head (streams time out in the node instead, chunk by chunk)
   */
  HttpRequest post(byte[] body, Handshake handshake, boolean withTimeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .version(version)
            .header("Content-Type", "application/json")
            .header("Accept", ACCEPT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (withTimeout) {
      b.timeout(config.timeout());
    }
    forwarded(handshake).forEach(b::header);
    return b.build();
  }

  /** The URL without credentials (user info, query): this text goes to logs. */
  @Override
  public String toString() {
    return SafeUrl.of(uri);
  }
}
