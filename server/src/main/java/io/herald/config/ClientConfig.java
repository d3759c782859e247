package io.herald.config;

import java.time.Duration;

/**
 * Per-connection settings and limits. Each limit has a default, this key and a test.
 *
 * @param pingInterval how often the server sends {@code ping}; default 25s
 * @param pongTimeout how long a client has to answer a ping with {@code pong} before it is closed
 *     with 3012; default 10s
 * @param connectTimeout a connection that has not completed {@code connect} in this time is closed
 *     with 3502; a plain HTTP connection silent this long is closed too; default 10s
 * @param expiryGrace after the connection token expires, the client has this long to
 *     {@code refresh} before it is closed with 3005; default 25s
 * @param maxMessageSize largest inbound WebSocket message in bytes; larger ones close the
 *     connection with 1009; default 65536
 * @param channelLimit most channels one connection may be subscribed to (error 106); default 128
 * @param queueMaxSize most outbound bytes queued for one connection; above it the client is
 *     disconnected with 3008 (slow) and must recover; default 1048576
 * @param maxBatchSize most JSON-RPC objects in one batch frame; larger batches get one -32600
 *     error; default 100
 * @param maxJsonDepth deepest nesting of objects and arrays accepted in an inbound frame; deeper
 *     frames get -32700; default 64
 * @param maxPendingFrames inbound frames held while an asynchronous command (connect with a JWKS
 *     lookup, for example) completes; beyond it the client is closed with 3501; default 64
 * @param recoveryMaxPublicationLimit most publications a recovering subscribe returns; a client
 *     that missed more is told {@code recovered: false} and reloads its state; default 300
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
    int maxBatchSize,
    int maxJsonDepth,
    int maxPendingFrames,
    int recoveryMaxPublicationLimit,
    boolean allowAnonymous) {

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
        100,
        64,
        64,
        300,
        false);
  }
}
