package io.herald.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The SDK's version as built into its jar (the Maven project version), sent as {@code version} in
 * {@code connect}. {@code dev} when the classes run unpackaged without the generated resource.
 */
final class SdkVersion {

  /** The version, e.g. {@code 0.2.0}. */
  static final String VALUE = load();

  private SdkVersion() {}

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
