package io.herald.server;

import io.herald.transport.WebAssets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The web assets built into the jar under {@code io/herald/server/web/} by {@code
 * scripts/build-web.sh}: the demo page ({@code index.html}, served at {@code /}), its files under
 * {@code /demo/}, and the SDK bundle under {@code /sdk/}. The list comes from the {@code files}
 * manifest the script writes; a jar built without it (or without npm, so without the bundle)
 * serves a short page that says what is missing instead of a broken demo.
 */
final class BundledWebAssets {

  static final String TOKEN_PLACEHOLDER = "__HERALD_SAMPLE_TOKEN__";
  private static final String BASE = "web/";

  private BundledWebAssets() {}

  /**
   * Reads every asset once, the demo page included.
   *
   * @param token a token the page connects with (dev mode), or null for none
   */
  static WebAssets load(String token) {
    return load(token, true);
  }

  /**
   * Reads the assets once.
   *
   * @param token a token the page connects with (dev mode), or null for none
   * @param demo whether the demo page ({@code /} and {@code /demo/}) is among them; the SDK
   *     bundle ({@code /sdk/}) always is
   */
  static WebAssets load(String token, boolean demo) {
    String manifest = read(BASE + "files");
    if (manifest == null && !demo) {
      return WebAssets.of(Map.of());
    }
    if (manifest == null) {
      return WebAssets.page(missingPage("the web assets were not built into this jar"));
    }
    Map<String, WebAssets.Asset> assets = new HashMap<>();
    for (String name : manifest.split("\n")) {
      name = name.strip();
      if (name.isEmpty() || (!demo && !name.startsWith("sdk/"))) {
        continue;
      }
      String text = read(BASE + name);
      if (text == null) {
        throw new IllegalStateException("web asset listed but missing from the jar: " + name);
      }
      if (name.equals("index.html")) {
        text = text.replace(TOKEN_PLACEHOLDER, token == null ? "" : token);
      }
      String path = name.equals("index.html") ? "/" : "/" + name;
      assets.put(path, new WebAssets.Asset(
          WebAssets.contentType(name), text.getBytes(StandardCharsets.UTF_8)));
    }
    if (!assets.containsKey("/sdk/herald.js") && assets.containsKey("/")) {
      assets.put("/", new WebAssets.Asset(WebAssets.contentType("index.html"),
          missingPage("the SDK bundle (sdk/herald.js) was not built: npm was missing at build time")));
    }
    return WebAssets.of(assets);
  }

  private static byte[] missingPage(String why) {
    return ("""
        <!doctype html><meta charset="utf-8"><title>Herald</title>
        <h1>Herald is running</h1>
        <p>The demo page is not available: %s. Install Node.js 20+ and npm, then rebuild
        (<code>./mvnw -DskipTests package</code>). Clients connect at
        <code>/connection/websocket</code>.</p>
        """).formatted(why).getBytes(StandardCharsets.UTF_8);
  }

  private static String read(String resource) {
    try (InputStream in = BundledWebAssets.class.getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in " + resource, e);
    }
  }
}
