package io.herald.metrics;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.util.internal.PlatformDependent;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Netty's memory, read at scrape time: direct memory Netty counts itself (outside the JVM's
 * buffer pools when it uses its no-cleaner buffers), and the buffer allocator's used heap and
 * direct bytes; for the pooled allocator also its arenas and thread caches. JVM memory and the
 * JVM's direct buffer pool come from the Prometheus client's JVM metrics ({@code jvm_*}).
 */
public final class NettyMemoryGauges {

  private NettyMemoryGauges() {}

  /** Registers gauges for {@code allocator} (the server's, usually {@link ByteBufAllocator#DEFAULT}). */
  public static void register(PrometheusRegistry registry, ByteBufAllocator allocator) {
    GaugeWithCallback.builder()
        .name("herald_netty_direct_memory_used_bytes")
        .help("Direct memory Netty has reserved (-1 when Netty does not track it).")
        .callback(cb -> cb.call(PlatformDependent.usedDirectMemory()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("herald_netty_direct_memory_max_bytes")
        .help("The most direct memory Netty may use (-XX:MaxDirectMemorySize or the heap size).")
        .callback(cb -> cb.call(PlatformDependent.maxDirectMemory()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("herald_netty_allocator_used_bytes")
        .help("Memory held by Netty's buffer allocator, by memory (heap, direct) and allocator.")
        .labelNames("memory", "allocator")
        .callback(cb -> {
          if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric m = provider.metric();
            String kind = allocatorName(allocator);
            cb.call(m.usedHeapMemory(), "heap", kind);
            cb.call(m.usedDirectMemory(), "direct", kind);
          }
        })
        .register(registry);
    if (allocator instanceof PooledByteBufAllocator pooled) {
      PooledByteBufAllocatorMetric m = pooled.metric();
      GaugeWithCallback.builder()
          .name("herald_netty_pool_arenas")
          .help("Arenas of the pooled allocator, by memory (heap, direct).")
          .labelNames("memory")
          .callback(cb -> {
            cb.call(m.numHeapArenas(), "heap");
            cb.call(m.numDirectArenas(), "direct");
          })
          .register(registry);
      GaugeWithCallback.builder()
          .name("herald_netty_pool_thread_caches")
          .help("Thread-local caches of the pooled allocator.")
          .callback(cb -> cb.call(m.numThreadLocalCaches()))
          .register(registry);
      GaugeWithCallback.builder()
          .name("herald_netty_pool_chunk_size_bytes")
          .help("Chunk size of the pooled allocator's arenas.")
          .callback(cb -> cb.call(m.chunkSize()))
          .register(registry);
    }
  }

  private static String allocatorName(ByteBufAllocator allocator) {
    String simple = allocator.getClass().getSimpleName();
    return simple.isEmpty() ? "other" : simple;
  }
}
