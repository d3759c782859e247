package io.herald.config;

import java.time.Duration;

/**
 * Per-connection settings and limits. Each limit has a default, this key and a test.
 *
 * @param pingInterval how often the server sends {@code ping}; default 25s
 * @param pongTimeout how long a client has to answer a ping with {@code pong} before it is closed
 *     with 3012; default 10s
 * @param connectTimeout a connection that has not completed {@code connect} in this time is closed
 *     with 3502; a plain HTTP connection silent this long is closed too, and so is one whose
 *     request (line, headers and body) is not complete this long after it was accepted or after
 *     the request's first byte, however slowly it trickles in; default 10s
 * @param expiryGrace after the connection token expires, the client has this long to
 *     {@code refresh} before it is closed with 3005; default 25s
 * @param maxMessageSize largest inbound WebSocket message in bytes; larger ones close the
 *     connection with 1009; default 65536
 * @param channelLimit most channels one connection may be subscribed to (error 106); default 128
 * @param queueMaxSize most outbound bytes queued for one connection; above it the client is
 *     disconnected with 3008 (slow) and must recover; default 1048576
 * @param maxCoalescedMessages most messages in one coalesced WebSocket message (a JSON array of
 *     the messages of one loop pass, for clients that asked for {@code batch} at connect);
 *     default 64
 * @param maxCoalescedSize most bytes of one coalesced WebSocket message's array; a message
 *     larger than this on its own is sent alone; default 65536
 * @param maxBatchSize most JSON-RPC objects in one batch frame; larger batches get one -32600
 *     error; default 100
 * @param maxJsonDepth deepest nesting of objects and arrays accepted in an inbound frame; deeper
 *     frames get -32700; default 64
 * @param maxPendingFrames inbound frames held while an asynchronous command (connect with a JWKS
 *     lookup, for example) completes; beyond it the client is closed with 3501; default 64
 * @param recoveryMaxPublicationLimit most publications a recovering subscribe returns; a client
 *     that missed more is told {@code recovered: false} and reloads its state; default 300
 * @param rateLimit commands a connection may send per second, on average (token bucket); beyond
 *     it each command is answered with error 111; {@code pong} is never limited; 0 turns the limit
 *     off; default 100
 * @param rateBurst commands a connection may send at once before {@code rateLimit} applies (the
 *     bucket's size); default 200
 * @param rateLimitGrace the window in which a connection may have at most as many commands
 *     refused as {@code rateLimit} allows in it; past that (it sends at over twice its rate) it is
 *     disconnected with 3013; default 5s
 * @param userConnectionLimit most connections of one user on this node; the next {@code connect}
 *     fails with 106 and closes with 3504; anonymous connections are not counted; 0 for no limit;
 *     default 100
 * @param connectionLimit most client connections on this node; past it a WebSocket handshake is
 *     answered 503; 0 for no limit; default 100000
 * @param connectionRatePerAddress new client connections per second from one remote address, on
 *     average; past it (and {@code connectionBurstPerAddress}) a handshake is answered 503; 0 for
 *     no limit; default 200 (a whole office behind one NAT address reconnecting after a restart
 *     must get through)
 * @param connectionBurstPerAddress new client connections one address may open at once; default
 *     1000
 * @param maxJsonStringLength longest JSON string (value or key) in an inbound frame, in
 *     characters; longer ones get -32700; default 65536
 * @param maxJsonTokens most JSON tokens (values, keys, brackets) in one inbound frame, which bounds
 *     the number of keys and elements; more get -32700; default 16384
 * @param maxRequestLineLength longest HTTP request line (method, URL, version) on this port, in
 *     bytes; longer requests are answered 414; default 4096
 * @param maxRequestHeaderSize most bytes of HTTP headers in one request on this port; more are
 *     answered 431; default 8192
 * @param maxPipelinedRequests most HTTP requests a connection may send ahead (HTTP/1.1
 *     pipelining) while an earlier one is still being answered; requests are answered in order,
 *     and one more closes the connection; default 16
 * @param maxPendingHandshakes most connections on this node that have not completed their first
 *     HTTP request (a WebSocket handshake, a fallback request); more are closed as they are
 *     accepted; 0 for no limit; default 10000
 * @param maxPendingHandshakesPerAddress most such connections from one remote address; more are
 *     closed as they are accepted; 0 for no limit; default 500
 * @param allowAnonymous whether a client may connect without a token (user {@code ""});
 *     default false
 */
public record ClientConfig(
    Duration pingInterval,
    Duration pongTimeout,
    Duration connectTimeout,
    Duration expiryGrace,
    int maxMessageSize,
    int channelLimit,
    int queueMaxSize,
    int maxCoalescedMessages,
    int maxCoalescedSize,
    int maxBatchSize,
    int maxJsonDepth,
    int maxPendingFrames,
    int recoveryMaxPublicationLimit,
    int rateLimit,
    int rateBurst,
    Duration rateLimitGrace,
    int userConnectionLimit,
    int connectionLimit,
    int connectionRatePerAddress,
    int connectionBurstPerAddress,
    int maxJsonStringLength,
    int maxJsonTokens,
    int maxRequestLineLength,
    int maxRequestHeaderSize,
    int maxPipelinedRequests,
    int maxPendingHandshakes,
    int maxPendingHandshakesPerAddress,
    boolean allowAnonymous) {

  /**
   * A copy with one setting changed, e.g. {@code ClientConfig.defaults().with("channelLimit", 8)}.
   *
   * @throws IllegalArgumentException when {@code setting} is not a component of this record
   */
  public ClientConfig with(String setting, Object value) {
    if (!Records.names(ClientConfig.class).contains(setting)) {
      throw new IllegalArgumentException("no client setting " + setting);
    }
    return Records.with(this, new String[] {setting}, 0, value);
  }

  /** Every documented default. */
  public static ClientConfig defaults() {
    return new ClientConfig(
        Duration.ofSeconds(25),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(25),
        65536,
        128,
        1048576,
        64,
        65536,
        100,
        64,
        64,
        300,
        100,
        200,
        Duration.ofSeconds(5),
        100,
        100_000,
        200,
        1000,
        65536,
        16384,
        4096,
        8192,
        16,
        10_000,
        500,
        false);
  }
}
