package io.herald.ingest;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what ingestion reports, over every source. */
final class CountingMetrics implements IngestMetrics {

  final AtomicInteger processed = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger retried = new AtomicInteger();

  @Override
  public void processed(String source) {
    processed.incrementAndGet();
  }

  @Override
  public void failed(String source) {
    failed.incrementAndGet();
  }

  @Override
  public void retried(String source) {
    retried.incrementAndGet();
  }
}
