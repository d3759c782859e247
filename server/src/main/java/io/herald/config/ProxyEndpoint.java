package io.herald.config;

import java.time.Duration;
import java.util.List;

/**
 * One backend endpoint Herald calls over HTTP ({@code proxy.connect}, {@code proxy.rpc}, {@code
 * proxy.publish}, {@code proxy.subscribe}). The contract of each call is in docs/proxy.md.
 *
 * @param endpoint the backend URL Herald POSTs JSON to ({@code http://} or {@code https://});
 *     null (the default) turns this proxy off
 * @param timeout how long Herald waits for the backend's answer: for a JSON answer the whole
 *     answer, for a stream the response head and then each next chunk; default 5s
 * @param headers names of the client's WebSocket handshake request headers forwarded to the
 *     backend with every call (case-insensitive); default {@code Cookie}, {@code Authorization},
 *     {@code X-Request-Id}
 */
public record ProxyEndpoint(String endpoint, Duration timeout, List<String> headers) {

  /** Default {@link #timeout()}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@link #headers()}. */
  public static final List<String> DEFAULT_HEADERS =
      List.of("Cookie", "Authorization", "X-Request-Id");

  public ProxyEndpoint {
    headers = List.copyOf(headers);
  }

  /** A proxy that is off, with the default timeout and headers. */
  public static ProxyEndpoint off() {
    return new ProxyEndpoint(null, DEFAULT_TIMEOUT, DEFAULT_HEADERS);
  }

  /** An endpoint at {@code url} with the default timeout and headers. */
  public static ProxyEndpoint at(String url) {
    return new ProxyEndpoint(url, DEFAULT_TIMEOUT, DEFAULT_HEADERS);
  }

  /** True when an endpoint is set. */
  public boolean enabled() {
    return endpoint != null;
  }
}
