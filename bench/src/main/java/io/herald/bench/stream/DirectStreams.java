package io.herald.bench.stream;

import io.herald.bench.protocol.Payload;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * The reference path of the stream benchmark: the same streams read straight from the backend
 * with the JDK's HttpClient, no Herald in between. Each line's latency is reported to a sink.
 */
final class DirectStreams {

  private DirectStreams() {}

  /**
   * Runs {@code streams} streams at once against {@code url}, the k-th started {@code
   * stagger * k / streams} ms after the first, and completes when all have ended.
   *
   * @param latency gets {@code System.nanoTime() - ts} of every line
   */
  static CompletableFuture<Void> run(String url, int streams, String body, long staggerMs,
      LongConsumer latency) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<?>> all = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      long at = start + staggerMs * 1_000_000L * i / streams;
      while (System.nanoTime() < at) {
        Thread.onSpinWait();
      }
      HttpRequest post = HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      all.add(client.sendAsync(post,
          HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(latency))));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .whenComplete((ok, error) -> client.shutdownNow());
  }

  private record Lines(LongConsumer latency) implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      long now = System.nanoTime();
      long ts = Payload.timestamp(Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.US_ASCII)));
      if (ts != Payload.NONE) {
        latency.accept(now - ts);
      }
    }

    @Override
    public void onError(Throwable error) {}

    @Override
    public void onComplete() {}
  }
}
