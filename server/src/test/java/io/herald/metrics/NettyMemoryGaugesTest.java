package io.herald.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NettyMemoryGaugesTest {

  @Test
  void pooledAllocatorShowsItsArenasAndWhatItHolds() throws Exception {
    PooledByteBufAllocator pooled = new PooledByteBufAllocator(true, 2, 3, 8192, 9);
    PrometheusRegistry registry = new PrometheusRegistry();
    NettyMemoryGauges.register(registry, pooled);
    ByteBuf held = pooled.directBuffer(100_000);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(text)
          .contains("herald_netty_pool_arenas{memory=\"direct\"} 3.0")
          .contains("herald_netty_pool_arenas{memory=\"heap\"} 2.0")
          .containsPattern(
              "herald_netty_allocator_used_bytes\\{allocator=\"PooledByteBufAllocator\","
                  + "memory=\"direct\"} [1-9]")
          .contains("herald_netty_pool_chunk_size_bytes")
          .contains("herald_netty_direct_memory_max_bytes");
    } finally {
      held.release();
    }
  }
}
