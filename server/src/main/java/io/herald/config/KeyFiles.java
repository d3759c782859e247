package io.herald.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks on where token keys come from: a PEM file must exist and be readable (its content is
 * parsed by the token verifier, not here); a JWKS location must be an http(s) URL.
 */
final class KeyFiles {

  /** What a NATS {@code credentialsFile} key expects, for errors. */
  static final String NATS_CREDENTIALS = "a NATS credentials file (.creds, or an NKey seed)";

  private KeyFiles() {}

  /**
   * Fails when {@code file} is set but is not a readable regular file. Relative paths are
   * resolved against the working directory.
   */
  static void check(String key, String file) {
    check(key, file, "a PEM file");
  }

  /**
   * As {@link #check(String, String)}, naming the kind of file expected in errors.
   *
   * @param what e.g. {@code "a NATS credentials file"}
   */
  static void check(String key, String file, String what) {
    if (file == null) {
      return;
    }
    if (file.isBlank()) {
      ConfigValidator.fail(key, "must not be empty; use the path of " + what + ", or leave it out");
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      ConfigValidator.fail(key, Scalars.quote(file) + " is not a valid path; " + e.getReason());
      return;
    }
    String q = Scalars.quote(file);
    if (!Files.exists(path)) {
      String where =
          path.isAbsolute()
              ? ""
              : " (relative to the working directory " + Path.of("").toAbsolutePath() + ")";
      ConfigValidator.fail(
          key, "file " + q + " not found" + where + "; use the path of " + what);
    }
    if (!Files.isRegularFile(path)) {
      ConfigValidator.fail(key, q + " is not a regular file; use the path of " + what);
    }
    if (!Files.isReadable(path)) {
      ConfigValidator.fail(key, "file " + q + " cannot be read; check its permissions");
    }
  }

  /** True for an absolute {@code http:} or {@code https:} URL with a host. */
  static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
