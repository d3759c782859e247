package io.herald.config;

/**
 * Calls to the application's backend over HTTP, so that the backend stays a plain HTTP service:
 * authenticating connections without a JWT, answering {@code rpc} (JSON or a stream of chunks) and
 * vetting publishes and subscribes of namespaces that ask for it ({@code publishProxy}, {@code
 * subscribeProxy}). Every endpoint is off until its URL is set. The backend contract is in
 * docs/proxy.md.
 *
 * @param connect called for a {@code connect} without a token (or for every one, see {@code
 *     connectEveryClient}); answers who the user is
 * @param rpc called for every client {@code rpc}; answers JSON or streams NDJSON / server-sent
 *     events
 * @param publish called for a client {@code publish} in a namespace with {@code publishProxy}
 * @param subscribe called for a client {@code subscribe} in a namespace with {@code
 *     subscribeProxy}
 * @param connectEveryClient when true the connect proxy decides for every client, with or
 *     without a token (the token is passed on, not verified by Herald); default false
 * @param maxResponseSize largest backend answer Herald accepts, in bytes: a whole JSON answer, or
 *     one chunk (line or event) of a stream; default 1048576
 * @param maxStreams most {@code rpc} calls one connection may have in progress at once (error 106
 *     beyond it); default 16
 * @param maxInFlight most connect, publish and subscribe calls to the backend in progress at once
 *     on this node; one more fails at once with 113; default 4096
 * @param maxInFlightPerConnection most such calls one connection may have in progress at once
 *     (the subscribes of its {@code connect}'s {@code subs}, above all): the rest of a {@code
 *     connect}'s subs wait for a free slot, a {@code subscribe} or {@code publish} beyond it gets
 *     106; default 8
 * @param tlsCaFile PEM file of the certificate authorities that {@code https://} backends'
 *     certificates are checked against, instead of the JVM's default ones (for a private CA);
 *     null (the default) for the default ones
 */
public record ProxyConfig(
    ProxyEndpoint connect,
    ProxyEndpoint rpc,
    ProxyEndpoint publish,
    ProxyEndpoint subscribe,
    boolean connectEveryClient,
    int maxResponseSize,
    int maxStreams,
    int maxInFlight,
    int maxInFlightPerConnection,
    String tlsCaFile) {

  /** Default {@link #maxInFlight()}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 4096;

  /** Default {@link #maxInFlightPerConnection()}. */
  public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 8;

  /** A config with {@link #maxInFlight()} and {@link #maxInFlightPerConnection()} at defaults. */
  public ProxyConfig(ProxyEndpoint connect, ProxyEndpoint rpc, ProxyEndpoint publish,
      ProxyEndpoint subscribe, boolean connectEveryClient, int maxResponseSize, int maxStreams) {
    this(connect, rpc, publish, subscribe, connectEveryClient, maxResponseSize, maxStreams,
        DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION, null);
  }

  /** A copy with {@link #maxInFlight()} and {@link #maxInFlightPerConnection()} set. */
  public ProxyConfig withInFlight(int node, int perConnection) {
    return new ProxyConfig(connect, rpc, publish, subscribe, connectEveryClient, maxResponseSize,
        maxStreams, node, perConnection, tlsCaFile);
  }

  /** A copy with {@link #tlsCaFile()} set. */
  public ProxyConfig withTlsCaFile(String caFile) {
    return new ProxyConfig(connect, rpc, publish, subscribe, connectEveryClient, maxResponseSize,
        maxStreams, maxInFlight, maxInFlightPerConnection, caFile);
  }

  /** Default {@link #maxResponseSize()}. */
  public static final int DEFAULT_MAX_RESPONSE_SIZE = 1048576;

  /** Default {@link #maxStreams()}. */
  public static final int DEFAULT_MAX_STREAMS = 16;

  /** Every proxy off, every default. */
  public static ProxyConfig defaults() {
    return new ProxyConfig(
        ProxyEndpoint.off(),
        ProxyEndpoint.off(),
        ProxyEndpoint.off(),
        ProxyEndpoint.off(),
        false,
        DEFAULT_MAX_RESPONSE_SIZE,
        DEFAULT_MAX_STREAMS);
  }

  /** True when at least one endpoint is set. */
  public boolean anyEnabled() {
    return connect.enabled() || rpc.enabled() || publish.enabled() || subscribe.enabled();
  }
}
