package io.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static io.herald.engine.EngineTests.get;
import static io.herald.engine.EngineTests.unique;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link HistoryStore} contract (with appends through {@link Broker#publish}), run against
 * every engine: subclass it and return a fresh engine from {@link #newEngine()}. TTL cases run on
 * the real clock with sub-second TTLs.
 */
public abstract class HistoryStoreConformanceTest {

  private static final HistoryOptions KEEP_5 =
      new HistoryOptions(5, Duration.ofMinutes(5), Duration.ofMinutes(10));

  private Engine engine;
  private Broker broker;
  private HistoryStore history;

  /** A fresh engine whose broker is not started. */
  protected abstract Engine newEngine();

  @BeforeEach
  void start() {
    engine = newEngine();
    broker = engine.broker();
    history = engine.history();
    broker.start(new EngineRecorder());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private StreamPosition publish(String channel, int n, HistoryOptions options) throws Exception {
    byte[] data = Integer.toString(n).getBytes(StandardCharsets.UTF_8);
    return get(broker.publish(channel, new Publication(0, data, null),
        new PublishOptions(options, null, Duration.ZERO)));
  }

  private static List<Long> offsets(HistoryPage page) {
    return page.publications().stream().map(Publication::offset).toList();
  }

  @Test
  void aReadBeforeTheFirstPublicationFixesTheEpoch() throws Exception {
    String c = unique("fresh");
    HistoryPage empty = get(history.history(c, HistoryQuery.position(KEEP_5)));
    assertThat(empty.position().offset()).isZero();
    assertThat(empty.position().epoch()).isNotEmpty();
    StreamPosition first = publish(c, 1, KEEP_5);
    assertThat(first).isEqualTo(new StreamPosition(1, empty.position().epoch()));
  }

  @Test
  void keepsTheNewestSizePublicationsInOrder() throws Exception {
    String c = unique("trim");
    for (int i = 1; i <= 8; i++) {
      publish(c, i, KEEP_5);
    }
    HistoryPage page = get(history.history(c, HistoryQuery.all(KEEP_5)));
    assertThat(offsets(page)).containsExactly(4L, 5L, 6L, 7L, 8L);
    assertThat(new String(page.publications().get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("4");
    assertThat(page.position().offset()).isEqualTo(8);
  }

  @Test
  void sinceLimitAndReverse() throws Exception {
    String c = unique("q");
    StreamPosition top = null;
    for (int i = 1; i <= 5; i++) {
      top = publish(c, i, KEEP_5);
    }
    String epoch = top.epoch();
    StreamPosition at2 = new StreamPosition(2, epoch);
    assertThat(offsets(get(history.history(c, new HistoryQuery(at2, -1, false, KEEP_5)))))
        .containsExactly(3L, 4L, 5L);
    assertThat(offsets(get(history.history(c, new HistoryQuery(at2, 2, false, KEEP_5)))))
        .containsExactly(3L, 4L);
    assertThat(offsets(get(history.history(c, new HistoryQuery(null, 2, true, KEEP_5)))))
        .containsExactly(5L, 4L);
    StreamPosition at4 = new StreamPosition(4, epoch);
    assertThat(offsets(get(history.history(c, new HistoryQuery(at4, -1, true, KEEP_5)))))
        .containsExactly(3L, 2L, 1L);
    HistoryPage positionOnly = get(history.history(c, new HistoryQuery(null, 0, false, KEEP_5)));
    assertThat(positionOnly.publications()).isEmpty();
    assertThat(positionOnly.position()).isEqualTo(top);
  }

  @Test
  void anotherEpochReturnsNothingButThePosition() throws Exception {
    String c = unique("epoch");
    StreamPosition top = publish(c, 1, KEEP_5);
    HistoryPage page = get(history.history(
        c, new HistoryQuery(new StreamPosition(0, "not-" + top.epoch()), -1, false, KEEP_5)));
    assertThat(page.publications()).isEmpty();
    assertThat(page.position()).isEqualTo(top);
  }

  @Test
  void publicationsExpireAfterTheirTtlButThePositionStays() throws Exception {
    String c = unique("ttl");
    HistoryOptions shortTtl = new HistoryOptions(10, Duration.ofMillis(300), Duration.ofMinutes(1));
    StreamPosition top = publish(c, 1, shortTtl);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
        get(history.history(c, HistoryQuery.all(shortTtl))).publications().isEmpty());
    assertThat(get(history.history(c, HistoryQuery.all(shortTtl))).position()).isEqualTo(top);
    assertThat(publish(c, 2, shortTtl)).isEqualTo(new StreamPosition(2, top.epoch()));
  }

  @Test
  void aStreamWhoseMetaExpiredStartsANewEpoch() throws Exception {
    String c = unique("meta");
    HistoryOptions shortMeta =
        new HistoryOptions(10, Duration.ofMillis(300), Duration.ofMillis(600));
    StreamPosition before = publish(c, 1, shortMeta);
    Thread.sleep(900);
    StreamPosition after = publish(c, 2, shortMeta);
    assertThat(after.offset()).isEqualTo(1);
    assertThat(after.epoch()).isNotEqualTo(before.epoch());
  }

  @Test
  void removeHistoryDropsPublicationsAndKeepsThePosition() throws Exception {
    String c = unique("rm");
    publish(c, 1, KEEP_5);
    StreamPosition top = publish(c, 2, KEEP_5);
    get(history.removeHistory(c));
    HistoryPage page = get(history.history(c, HistoryQuery.all(KEEP_5)));
    assertThat(page.publications()).isEmpty();
    assertThat(page.position()).isEqualTo(top);
    assertThat(publish(c, 3, KEEP_5)).isEqualTo(new StreamPosition(3, top.epoch()));
  }
}
