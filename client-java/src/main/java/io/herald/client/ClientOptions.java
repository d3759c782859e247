package io.herald.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Everything a {@link HeraldClient} is built with; made by {@link ClientBuilder}.
 *
 * @param uri the WebSocket endpoint, {@code ws://host:8000/connection/websocket}
 * @param token the connection token, or null
 * @param tokenSupplier asked for a fresh connection token on connect without one, before expiry
 *     and after the token expired; may be null
 * @param name client name sent in {@code connect}; default {@code herald-java}
 * @param minReconnectDelay backoff floor; default 500 ms
 * @param maxReconnectDelay backoff ceiling; default 20 s
 * @param timeout how long a call waits for its answer, and for a connection; default 10 s
 * @param maxPingDelay how late a server ping may be before the connection counts as dead;
 *     default 10 s
 * @param maxQueuedPublishes publishes held while offline; one more fails with QUEUE_FULL;
 *     default 1000
 * @param refreshAt fraction of the token's ttl after which it is refreshed; default 0.8
 * @param listener connection events
 * @param httpClient the JDK client WebSockets are opened with
 * @param scheduler the single thread the client runs on (events, timers); null: a daemon thread
 *     of its own, stopped by {@code close()}
 * @param random randomness for the backoff jitter, in [0, 1)
 * @param subscribeOnConnect resubscribe inside {@code connect}'s {@code subs} (every channel
 *     recovered in one round trip); false: one {@code subscribe} per channel after connecting.
 *     Default true
 */
public record ClientOptions(
    URI uri,
    String token,
    Supplier<CompletableFuture<String>> tokenSupplier,
    String name,
    Duration minReconnectDelay,
    Duration maxReconnectDelay,
    Duration timeout,
    Duration maxPingDelay,
    int maxQueuedPublishes,
    double refreshAt,
    ClientListener listener,
    HttpClient httpClient,
    ScheduledExecutorService scheduler,
    DoubleSupplier random,
    boolean subscribeOnConnect) {}
