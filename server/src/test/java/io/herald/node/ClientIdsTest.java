package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ClientIdsTest {

  @Test
  void idsAreCanonicalVersionFourUuids() {
    for (int i = 0; i < 3 * ClientIds.BATCH / 16; i++) {
      String id = ClientIds.next();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id);
      assertThat(id).hasSize(36).isLowerCase();
    }
  }

  @Test
  void idsDoNotRepeatWithinOrAcrossThreads() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          seen.add(ClientIds.next());
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(seen).hasSize(80_000);
  }

  @Test
  void everyRandomBitVaries() {
    // Each of the 122 random bits takes both values over a few hundred ids.
    long msbOr = 0;
    long msbAnd = -1;
    long lsbOr = 0;
    long lsbAnd = -1;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = ClientIds.next();
      ids.add(id);
      UUID uuid = UUID.fromString(id);
      msbOr |= uuid.getMostSignificantBits();
      msbAnd &= uuid.getMostSignificantBits();
      lsbOr |= uuid.getLeastSignificantBits();
      lsbAnd &= uuid.getLeastSignificantBits();
    }
    assertThat(ids).hasSize(1000);
    assertThat(msbOr & ~msbAnd).isEqualTo(~0xF000L);
    assertThat(lsbOr & ~lsbAnd).isEqualTo(0x3FFFFFFFFFFFFFFFL);
  }
}
