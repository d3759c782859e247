/**
 * Ingestion from event streams: Kafka, core NATS, JetStream, Redis Streams and Dapr pub/sub. Each
 * configured source turns its messages into server API commands ({@link
 * io.herald.ingest.CommandReader}) and runs them through {@link io.herald.api.ApiService#execute}
 * ({@link io.herald.ingest.Ingestor}); what each source acknowledges, when, and what happens to a
 * bad message is in docs/ingestion.md.
 */
package io.herald.ingest;
