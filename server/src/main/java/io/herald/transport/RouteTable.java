package io.herald.transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of one listening port, filled through {@link HttpRoutes} at start-up and read by
 * every connection of the port afterwards. Matching is described on {@link HttpRoutes}.
 * Registering the same method and path twice, or registering after {@link #freeze}, throws {@link
 * IllegalStateException}. Reads need no lock once frozen (the port's initializer freezes it).
 */
public final class RouteTable implements HttpRoutes {

  /** A handler found for a request, or why none was: no route for the path, or not the method. */
  record Found(HttpHandler handler, boolean pathKnown) {
    static final Found NONE = new Found(null, false);
    static final Found WRONG_METHOD = new Found(null, true);
  }

  private record Route(String method, HttpHandler handler) {}

  private record Prefix(String prefix, List<Route> routes) {}

  private final Map<String, List<Route>> exact = new HashMap<>();
  private final List<Prefix> prefixes = new ArrayList<>();
  private final Map<String, WebSocketEndpoint> webSockets = new LinkedHashMap<>();
  private final java.util.Set<String> sessionPaths = new java.util.HashSet<>();
  private volatile boolean frozen;

  @Override
  public synchronized HttpRoutes exact(String method, String path, HttpHandler handler) {
    checkOpen(path);
    add(exact.computeIfAbsent(path, p -> new ArrayList<>(1)), method, path, handler);
    return this;
  }

  @Override
  public synchronized HttpRoutes prefix(String method, String prefix, HttpHandler handler) {
    checkOpen(prefix);
    Prefix entry = null;
    for (Prefix p : prefixes) {
      if (p.prefix().equals(prefix)) {
        entry = p;
      }
    }
    if (entry == null) {
      entry = new Prefix(prefix, new ArrayList<>(1));
      prefixes.add(entry);
      prefixes.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length()).reversed());
    }
    add(entry.routes(), method, prefix + "*", handler);
    return this;
  }

  @Override
  public synchronized HttpRoutes session(String method, String path, HttpHandler handler) {
    exact(method, path, handler);
    sessionPaths.add(path);
    return this;
  }

  /** True for a path mounted with {@link #session}. */
  boolean holdsSession(String path) {
    return sessionPaths.contains(path);
  }

  @Override
  public synchronized HttpRoutes webSocket(String path, WebSocketEndpoint endpoint) {
    checkOpen(path);
    if (path.length() > 1 && path.endsWith("/")) {
      throw new IllegalArgumentException("a WebSocket path must not end with /: " + path);
    }
    if (webSockets.putIfAbsent(path, endpoint) != null) {
      throw new IllegalStateException("two WebSocket endpoints on " + path);
    }
    return this;
  }

  /** No more routes: the port starts serving. Idempotent. */
  public void freeze() {
    frozen = true;
  }

  private void checkOpen(String path) {
    if (frozen) {
      throw new IllegalStateException("routes are fixed once the port serves: " + path);
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("a route path must start with /: " + path);
    }
  }

  private static void add(List<Route> routes, String method, String what, HttpHandler handler) {
    for (Route r : routes) {
      if (java.util.Objects.equals(r.method(), method)) {
        throw new IllegalStateException(
            "two routes for " + (method == null ? "any method" : method) + " " + what);
      }
    }
    routes.add(new Route(method, handler));
  }

  /** The handler for {@code method} on {@code path}. */
  Found find(String method, String path) {
    List<Route> routes = exact.get(path);
    if (routes == null) {
      for (Prefix p : prefixes) {
        if (path.startsWith(p.prefix())) {
          routes = p.routes();
          break;
        }
      }
    }
    if (routes == null) {
      return Found.NONE;
    }
    HttpHandler any = null;
    for (Route r : routes) {
      if (r.method() == null) {
        any = r.handler();
      } else if (r.method().equals(method)) {
        return new Found(r.handler(), true);
      }
    }
    return any != null ? new Found(any, true) : Found.WRONG_METHOD;
  }

  /** The WebSocket endpoint whose path is {@code path} or a parent of it, or null. */
  WebSocketEndpoint webSocketAt(String path) {
    String mount = webSocketMount(path);
    return mount == null ? null : webSockets.get(mount);
  }

  /** The mount path of the WebSocket endpoint serving {@code path}, or null. */
  String webSocketMount(String path) {
    for (String mount : webSockets.keySet()) {
      if (path.equals(mount) || path.startsWith(mount.equals("/") ? "/" : mount + "/")) {
        return mount;
      }
    }
    return null;
  }

  /** Every WebSocket endpoint by mount path. */
  Map<String, WebSocketEndpoint> webSockets() {
    return Map.copyOf(webSockets);
  }
}
