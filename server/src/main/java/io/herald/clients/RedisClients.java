package io.herald.clients;

import io.lettuce.core.SslOptions;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What every Redis client of Herald (the Redis engine, the Redis Streams ingestion source, the
 * webhook outbox) builds from its config the same way: the trust of {@code rediss://}
 * connections and the host list shown in logs and health.
 */
public final class RedisClients {

  private RedisClients() {}

  /**
   * What {@code rediss://} connections trust: the CAs of the PEM {@code tlsCaFile}, or the JVM's
   * trust store (Lettuce's defaults) when it is null. Peers are verified in full (name included).
   */
  public static SslOptions sslOptions(String tlsCaFile) {
    if (tlsCaFile == null) {
      return SslOptions.create();
    }
    return SslOptions.builder().jdkSslProvider().trustManager(new File(tlsCaFile)).build();
  }

  /** {@code host:port, ...} of {@code addresses}, without credentials: for logs and health. */
  public static String hosts(List<String> addresses) {
    List<String> out = new ArrayList<>();
    for (String a : addresses) {
      URI u = URI.create(a.strip());
      out.add(u.getHost() + ":" + (u.getPort() < 0 ? 6379 : u.getPort()));
    }
    return String.join(",", out);
  }
}
