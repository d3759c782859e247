package io.herald.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The admin UI's files, read from the jar ({@code io/herald/admin/}) once and kept. */
final class AdminAssets {

  private static final String BASE = "/io/herald/admin/";

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** The bytes of {@code name}. */
  byte[] get(String name) {
    return cache.computeIfAbsent(name, AdminAssets::read);
  }

  private static byte[] read(String name) {
    try (InputStream in = AdminAssets.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("admin asset missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
