package io.herald.transport;

import java.util.Locale;
import java.util.Map;

/**
 * The static files served over plain HTTP: the page at {@code /} and the files it loads (the demo
 * page's scripts and styles, the SDK bundle at {@code /sdk/herald.js}). Immutable, held in memory
 * and shared by every connection: the whole set is a few hundred kilobytes at most.
 */
public final class WebAssets {

  /** One file: its bytes and its {@code Content-Type}. */
  public record Asset(String contentType, byte[] body) {}

  private final Map<String, Asset> byPath;

  private WebAssets(Map<String, Asset> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /**
   * Assets by request path ({@code "/"} for the page, {@code "/sdk/herald.js"}, ...).
   *
   * @param byPath every key starts with {@code /}
   */
  public static WebAssets of(Map<String, Asset> byPath) {
    for (String path : byPath.keySet()) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("asset path must start with /: " + path);
      }
    }
    return new WebAssets(byPath);
  }

  /** Only an HTML page at {@code /}. */
  public static WebAssets page(byte[] html) {
    return new WebAssets(Map.of("/", new Asset(contentType("index.html"), html)));
  }

  /**
   * Mounts the assets as the catch-all route ({@code /}): {@code GET} of an asset's path serves
   * it, anything else no other route takes is 404.
   */
  public void mount(HttpRoutes routes) {
    HttpReply notFound = HttpReply.text(404, "not found\n");
    routes.prefix("/", x -> {
      Asset asset = x.method().equals("GET") ? get(x.path()) : null;
      x.respond(asset == null
          ? notFound
          : new HttpReply(200, asset.contentType(), asset.body(), Map.of()));
    });
  }

  /** The asset served at {@code path}, or null. */
  public Asset get(String path) {
    return byPath.get(path);
  }

  /** The {@code Content-Type} for a file name, by its extension. */
  public static String contentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    String ext = dot < 0 ? "" : lower.substring(dot + 1);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "js", "mjs" -> "text/javascript; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "map", "json" -> "application/json";
      case "svg" -> "image/svg+xml";
      default -> "application/octet-stream";
    };
  }
}
