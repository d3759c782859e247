package io.herald.ingest;

/**
 * What ingestion counts, per source (a configured source name, so the label is bounded). Must be
 * thread-safe and must not block.
 */
public interface IngestMetrics {

  /** Counts nothing. */
  IngestMetrics NONE = new IngestMetrics() {
    @Override
    public void processed(String source) {}

    @Override
    public void failed(String source) {}

    @Override
    public void retried(String source) {}
  };

  /** A message became a command that Herald accepted. */
  void processed(String source);

  /** A message was bad: skipped or dead-lettered (for Dapr: answered DROP). */
  void failed(String source);

  /** A command Herald could not carry out (engine unavailable) is tried again after a wait. */
  void retried(String source);
}
