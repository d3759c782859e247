package io.herald.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Client ids: random (version 4) UUIDs, exactly as {@link UUID#randomUUID()} makes them and just
 * as unguessable (every random bit comes from a {@link SecureRandom}), but cheaper in a connect
 * storm: {@code randomUUID} asks the JDK's one shared generator for 16 bytes per id, behind its
 * lock and, on Linux, a read of {@code /dev/urandom}; here each thread draws {@value #BATCH}
 * bytes (256 ids) at a time from its own generator. Thread-safe (state is per thread).
 */
final class ClientIds {

  /** Random bytes drawn at once per thread. */
  static final int BATCH = 4096;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final ThreadLocal<Pool> POOLS = ThreadLocal.withInitial(Pool::new);

  private ClientIds() {}

  /** A new random client id in the canonical UUID form (36 lowercase characters). */
  static String next() {
    return POOLS.get().next();
  }

  /** One thread's generator and the bytes it has not handed out yet. */
  private static final class Pool {
    private final SecureRandom random = new SecureRandom();
    private final byte[] bytes = new byte[BATCH];
    private int at = BATCH;

    String next() {
      if (at == BATCH) {
        random.nextBytes(bytes);
        at = 0;
      }
      long msb = (long) LONG.get(bytes, at);
      long lsb = (long) LONG.get(bytes, at + 8);
      at += 16;
      // The bits randomUUID sets: version 4, IETF variant.
      msb = (msb & ~0xF000L) | 0x4000L;
      lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(msb, lsb).toString();
    }
  }
}
