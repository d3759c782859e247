/**
 * Adapter: the Prometheus implementation of the node's {@link io.herald.node.NodeMetrics}, gauges
 * read at scrape time, engine timings, and the scrape endpoint. May depend on {@code node}, {@code
 * engine}, Netty (buffer gauges) and the Prometheus client; not on {@code transport}.
 */
package io.herald.metrics;
