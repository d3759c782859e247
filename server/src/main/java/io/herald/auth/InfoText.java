package io.herald.auth;

import java.nio.charset.StandardCharsets;

/** Renders an {@code info} claim's raw JSON for {@code toString()}. */
final class InfoText {

  private InfoText() {}

  static String of(byte[] info) {
    return info == null ? "null" : new String(info, StandardCharsets.UTF_8);
  }
}
