package io.herald.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Each receiver's queue is split into {@link #COUNT} partitions by event key ({@link
 * WebhookEvent#key()}), each delivered by one worker with one batch in flight: events of one
 * channel or one user stay in order while a slow key does not hold up the other partitions. The
 * partition of a key is the first 16 bits of its SHA-1 modulo {@link #COUNT}, the same in Java
 * and in the Redis outbox's scripts ({@code redis.sha1hex}).
 */
public final class Partitions {

  /** Partitions per receiver. */
  public static final int COUNT = 8;

  private Partitions() {}

  /** The partition of {@code key}, 0 to {@link #COUNT} - 1. */
  public static int of(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
      int first16 = ((d[0] & 0xff) << 8) | (d[1] & 0xff);
      return first16 % COUNT;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
