package io.herald.client;

import java.util.concurrent.CompletableFuture;

/**
 * A publish waiting to be sent or answered; it keeps its idempotency key across retries.
 *
 * @param channel the channel
 * @param data the payload, already JSON
 * @param key the idempotency key
 * @param result completed with the answer
 */
record QueuedPublish(String channel, String data, String key,
    CompletableFuture<Results.Publish> result) {}
