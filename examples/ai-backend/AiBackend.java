/*
 * A tiny application backend for Herald's proxy, in plain Java (no framework, no library):
 *
 *   GET  /login?user=NAME   sets a session cookie (log in), then points to the demo page
 *   POST /herald/connect    Herald's connect proxy: the session cookie -> the user
 *   POST /herald/rpc        Herald's rpc proxy: "ask" streams a fake AI answer token by token
 *                           as NDJSON; "whoami" answers JSON
 *
 * Run it with the JDK alone (Java 21+):  java examples/ai-backend/AiBackend.java [--port 3000]
 * and Herald with examples/ai-backend/herald.yaml. See README.md next to this file.
 */

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

public final class AiBackend {

  /** Session id (the cookie's value) to user name; a real app keeps these in its session store. */
  private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();
  private static final String COOKIE = "herald_demo_session";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static int tokenDelayMillis = 60;

  public static void main(String[] args) throws IOException {
    int port = 3000;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        port = Integer.parseInt(args[i + 1]);
      } else if (args[i].equals("--token-delay-ms")) {
        tokenDelayMillis = Integer.parseInt(args[i + 1]);
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    // One virtual thread per request: a streaming answer may take seconds and blocks its thread.
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/login", AiBackend::login);
    server.createContext("/herald/connect", AiBackend::connect);
    server.createContext("/herald/rpc", AiBackend::rpc);
    server.start();
    System.out.println("ai-backend listening on http://127.0.0.1:" + server.getAddress().getPort());
  }

  // ---- /login ----

  private static void login(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    String user = query == null ? "" : param(query, "user");
    if (user.isBlank()) {
      send(ex, 400, "text/plain", "use /login?user=NAME");
      return;
    }
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String session = HexFormat.of().formatHex(id);
    SESSIONS.put(session, user);
    ex.getResponseHeaders().add("Set-Cookie",
        COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax");
    send(ex, 200, "text/html; charset=utf-8",
        "<p>Logged in as " + html(user) + ". Open the Herald demo page, e.g. "
            + "<a href=\"http://localhost:8000/\">http://localhost:8000/</a>, and connect "
            + "without a token.</p>");
    System.out.println("login: " + user);
  }

  // ---- /herald/connect ----

  private static void connect(HttpExchange ex) throws IOException {
    Map<String, Object> body = Json.object(read(ex));
    String cookies = ex.getRequestHeaders().getFirst("Cookie");
    String user = cookies == null ? null : SESSIONS.get(cookie(cookies, COOKIE));
    if (user == null) {
      System.out.println("connect refused: no valid session cookie (client " + body.get("client")
          + ")");
      send(ex, 200, "application/json",
          "{\"error\":{\"code\":4010,\"message\":\"not logged in: open /login?user=NAME\"}}");
      return;
    }
    System.out.println("connect: " + user + " (client " + body.get("client") + ")");
    send(ex, 200, "application/json", "{\"result\":{\"user\":" + Json.quote(user)
        + ",\"info\":{\"name\":" + Json.quote(user) + "}}}");
  }

  // ---- /herald/rpc ----

  private static void rpc(HttpExchange ex) throws IOException {
    Map<String, Object> body = Json.object(read(ex));
    String method = String.valueOf(body.get("method"));
    String user = String.valueOf(body.get("user"));
    switch (method) {
      case "whoami" -> send(ex, 200, "application/json",
          "{\"result\":{\"data\":{\"user\":" + Json.quote(user) + "}}}");
      case "ask" -> ask(ex, user, body.get("data"));
      default -> send(ex, 200, "application/json",
          "{\"error\":{\"code\":4040,\"message\":\"unknown method " + Json.escape(method)
              + "\"}}");
    }
  }

  /** Streams the answer one token (a word and its space) at a time, as NDJSON. */
  private static void ask(HttpExchange ex, String user, Object data) throws IOException {
    String question = data instanceof Map<?, ?> m && m.get("question") instanceof String q
        ? q : String.valueOf(data);
    List<String> tokens = answer(user, question);
    ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    int sent = 0;
    try {
      for (String token : tokens) {
        out.write(("{\"token\":" + Json.quote(token) + "}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        sent++;
        Thread.sleep(tokenDelayMillis);
      }
      out.close();
      System.out.println("ask by " + user + ": answered in " + sent + " tokens");
    } catch (IOException e) {
      // Herald closed the request: the user pressed Stop, or went away. Stop generating.
      System.out.println("ask by " + user + ": cancelled after " + sent + " of " + tokens.size()
          + " tokens");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  /** A fake model: a canned answer that mentions the question. */
  static List<String> answer(String user, String question) {
    String text = "Hello " + user + ". You asked: \"" + question + "\". Here is what I think. "
        + "Herald streams each token of this answer to your browser the moment the backend "
        + "writes it, over the WebSocket you already have open. The backend stays a plain HTTP "
        + "service that writes one JSON line per token. If you press Stop, Herald closes this "
        + "request, and the backend stops generating at once instead of wasting work.";
    List<String> tokens = new ArrayList<>();
    for (String word : text.split(" ")) {
      tokens.add(word + " ");
    }
    return tokens;
  }

  // ---- HTTP helpers ----

  private static String read(HttpExchange ex) throws IOException {
    return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String param(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static String cookie(String header, String name) {
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    return "";
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Just enough JSON for this example: objects, arrays, strings, numbers, literals. */
  static final class Json {
    private final String s;
    private int at;

    private Json(String s) {
      this.s = s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
      Object value = new Json(text).value();
      return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String quote(String text) {
      return "\"" + escape(text) + "\"";
    }

    static String escape(String text) {
      StringBuilder out = new StringBuilder();
      for (char c : text.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.toString();
    }

    private Object value() {
      skipSpace();
      char c = s.charAt(at);
      if (c == '{') {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (s.charAt(at) == '}') {
          at++;
          return map;
        }
        while (true) {
          skipSpace();
          String key = string();
          skipSpace();
          at++; // ':'
          map.put(key, value());
          skipSpace();
          if (s.charAt(at++) == '}') {
            return map;
          }
        }
      }
      if (c == '[') {
        List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (s.charAt(at) == ']') {
          at++;
          return list;
        }
        while (true) {
          list.add(value());
          skipSpace();
          if (s.charAt(at++) == ']') {
            return list;
          }
        }
      }
      if (c == '"') {
        return string();
      }
      int start = at;
      while (at < s.length() && ",}] \n\r\t".indexOf(s.charAt(at)) < 0) {
        at++;
      }
      String word = s.substring(start, at);
      return switch (word) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default -> Double.valueOf(word);
      };
    }

    private String string() {
      StringBuilder out = new StringBuilder();
      at++; // opening quote
      while (true) {
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(at++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e);
        }
      }
    }

    private void skipSpace() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }
  }
}
