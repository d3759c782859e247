package io.herald.transport;

import io.herald.config.WebSocketConfig;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.Transport;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket connection whose handshake just completed, as an endpoint sees it: the request that
 * opened it (path, query, headers) and a way to get the session {@link Transport} that writes
 * frames to it. Used on the connection's loop only.
 */
public final class WebSocketConnection {

  private final Channel channel;
  private final String uri;
  private final HttpHeaders headers;
  private final WebSocketConfig compression;

  WebSocketConnection(
      Channel channel, String uri, HttpHeaders headers, WebSocketConfig compression) {
    this.channel = channel;
    this.uri = uri;
    this.headers = headers;
    this.compression = compression;
  }

  /** The request target of the handshake (path and query). */
  public String uri() {
    return uri;
  }

  /** The path of the handshake request, without query ({@code /app/my-key}). */
  public String path() {
    return HttpRouter.path(uri);
  }

  /** The decoded query parameters of the handshake request. */
  public Map<String, List<String>> query() {
    return new QueryStringDecoder(uri).parameters();
  }

  /** Every header of the handshake request as name and value pairs. */
  public Iterable<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The value of handshake header {@code name} (any case), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /**
   * The session transport of this connection: shared frames are framed once and reused,
   * writes are coalesced into one flush per loop iteration, the queue is bounded by {@code
   * client.queueMaxSize}, and publications go out compressed when the client agreed on
   * permessage-deflate. Call once.
   *
   * @param kept what of the handshake the session keeps for backend proxies
   */
  public Transport transport(Handshake kept) {
    return new WebSocketTransport(channel, kept, compression);
  }
}
