/**
 * Webhooks: events about channels, users and presence ({@link io.herald.webhooks.WebhookEvent})
 * sent to backends as signed HTTP {@code POST} batches, at least once (docs/webhooks.md).
 *
 * <p>Producers hand events to an {@link io.herald.webhooks.Outbox} (in process with the memory
 * engine, a durable Redis stream per receiver and partition with the Redis engine); one {@link
 * io.herald.webhooks.Deliverer} per receiver and partition sends them in order, with backoff,
 * on virtual threads and the JDK HTTP client's own executor, never on an event loop. Cluster-wide
 * transitions (first subscriber anywhere, a user's last connection gone everywhere) are decided by
 * an {@link io.herald.webhooks.Occupancy}. How a batch is encoded and signed is a {@link
 * io.herald.webhooks.WebhookFormat} per receiver, so another protocol (Pusher) can reuse the
 * delivery with its own payload and headers.
 *
 * <p>May depend on {@code config}, {@code engine} value types, Jackson, Lettuce and the Prometheus
 * client; never on Netty, {@code node}, {@code transport} or a protocol adapter. {@code server}
 * wires the node's events into it.
 */
package io.herald.webhooks;
