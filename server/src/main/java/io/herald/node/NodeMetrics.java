package io.herald.node;

/**
 * What the node, its transports and engines report for monitoring. {@code node/} depends on no
 * metrics library: the server plugs an implementation in (Prometheus, in {@code io.herald.metrics});
 * {@link #NONE} ignores everything and is the default.
 *
 * <p>Contract for implementations: every method is thread-safe, never blocks, and is cheap enough
 * for the paths it is called on. Methods marked <em>hot</em> run per message: they must not
 * allocate. Label values passed in are bounded sets (transport names, namespace names from the
 * config, method names, error and close codes, engine and operation names, proxy kinds, ingestion
 * source names from the config), never channels, users or client ids.
 */
public interface NodeMetrics {

  /** Ignores everything. */
  NodeMetrics NONE = new NodeMetrics() {};

  /** A connection of {@code transport} (e.g. {@code websocket}) opened a session. */
  default void sessionOpened(String transport) {}

  /** A session of {@code transport} closed, whatever the reason. */
  default void sessionClosed(String transport) {}

  /** <em>Hot.</em> One inbound message of {@code bytes} arrived on {@code transport}. */
  default void received(String transport, int bytes) {}

  /**
   * <em>Hot.</em> One message written to one connection that is not a publication (a reply, a
   * ping, a server notification). Publications are counted per fan-out task by {@link
   * #delivered}.
   */
  default void sent(String transport, int bytes) {}

  /** A publication to a channel of {@code namespace} was accepted by this node (client or API). */
  default void published(String namespace) {}

  /**
   * <em>Hot</em>, once per fan-out task (one per event loop and publication, not per
   * subscriber): {@code messages} copies of a publication of {@code bytes} each were written.
   *
   * @param namespace the channel's namespace ({@code ""} for the default one)
   * @param latencyNanos from the moment this node received the publication from the broker to
   *     the end of this task's writes
   */
  default void delivered(String namespace, int messages, int bytes, long latencyNanos) {}

  /** A client command {@code method} was answered after {@code nanos}, successfully or not. */
  default void command(String method, long nanos) {}

  /** A client command {@code method} was answered with error {@code code}. */
  default void commandError(String method, int code) {}

  /** The server closed a session with {@code code} (3000-4999), or 0 when the peer closed first. */
  default void disconnected(int code) {}

  /**
   * A call into an engine completed.
   *
   * @param engine {@code broker}, {@code history} or {@code presence}
   * @param operation e.g. {@code publish}, {@code subscribe}, {@code add}, {@code get}
   * @param failed true when the call completed exceptionally
   */
  default void engineCall(String engine, String operation, long nanos, boolean failed) {}

  /**
   * A call to a proxy backend completed.
   *
   * @param kind {@code connect}, {@code refresh}, {@code rpc}, {@code publish}, {@code subscribe}
   * @param outcome {@code ok}, {@code error} (the backend answered an error), {@code failed} (no
   *     usable answer: timeout, connection refused, bad response)
   */
  default void proxyCall(String kind, long nanos, String outcome) {}

  /**
   * An ingested message from {@code source} (a configured consumer's name) was processed, or
   * failed to be.
   */
  default void ingested(String source, boolean failed) {}

  /** A server API call {@code method} completed with HTTP {@code status}. */
  default void apiCall(String method, long nanos, int status) {}
}
