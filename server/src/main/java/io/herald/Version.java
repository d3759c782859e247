package io.herald;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Herald's version, as built into the jar. */
public final class Version {

  private static final String VERSION = load();

  private Version() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code dev} when run from unpackaged classes. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
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
