package io.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static io.herald.engine.EngineTests.get;
import static io.herald.engine.EngineTests.unique;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link PresenceStore} contract, run against every engine: subclass it and return a fresh
 * engine from {@link #newEngine()}. TTL cases run on the real clock with sub-second TTLs.
 */
public abstract class PresenceStoreConformanceTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private Engine engine;
  private PresenceStore presence;

  /** A fresh engine whose broker is not started. */
  protected abstract Engine newEngine();

  @BeforeEach
  void start() {
    engine = newEngine();
    engine.broker().start(new EngineRecorder());
    presence = engine.presence();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void listsClientsAndCountsUsers() throws Exception {
    String c = unique("room");
    byte[] info = "{\"name\":\"Ann\"}".getBytes(StandardCharsets.UTF_8);
    get(presence.add(c, new ClientInfo("ann", "phone", info, null), MINUTE));
    get(presence.add(c, new ClientInfo("ann", "laptop", null, null), MINUTE));
    get(presence.add(c, new ClientInfo("bob", "desk", null, null), MINUTE));
    var clients = get(presence.presence(c));
    assertThat(clients).containsOnlyKeys("phone", "laptop", "desk");
    assertThat(clients.get("phone").user()).isEqualTo("ann");
    assertThat(new String(clients.get("phone").connInfo(), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"Ann\"}");
    assertThat(get(presence.stats(c))).isEqualTo(new PresenceStats(3, 2));
  }

  @Test
  void removeIsImmediateAndIdempotent() throws Exception {
    String c = unique("rm");
    get(presence.add(c, new ClientInfo("ann", "phone", null, null), MINUTE));
    get(presence.remove(c, "phone"));
    get(presence.remove(c, "phone"));
    get(presence.remove(unique("none"), "x"));
    assertThat(get(presence.presence(c))).isEmpty();
    assertThat(get(presence.stats(c))).isEqualTo(new PresenceStats(0, 0));
  }

  @Test
  void anEntryNotRefreshedExpiresAndARefreshedOneStays() throws Exception {
    String c = unique("ttl");
    Duration ttl = Duration.ofMillis(400);
    get(presence.add(c, new ClientInfo("ann", "gone", null, null), ttl));
    get(presence.add(c, new ClientInfo("bob", "alive", null, null), ttl));
    long until = System.nanoTime() + Duration.ofMillis(900).toNanos();
    while (System.nanoTime() < until) {
      get(presence.add(c, new ClientInfo("bob", "alive", null, null), ttl));
      Thread.sleep(100);
    }
    // Refreshed while waiting too: on a busy machine one read can take longer than the TTL.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      get(presence.add(c, new ClientInfo("bob", "alive", null, null), ttl));
      return get(presence.presence(c)).keySet().equals(java.util.Set.of("alive"));
    });
  }
}
