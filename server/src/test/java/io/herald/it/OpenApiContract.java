package io.herald.it;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP exchanges with the server API against {@code docs/openapi.yaml} (the copy in the
 * jar, {@code io/herald/api/openapi.yaml}), so that the description cannot drift from the code.
 * {@link ApiClient} hands every exchange of every test to {@link #check}.
 *
 * <p>For one exchange: the path and HTTP method must be described (a concrete path first, then
 * a templated one); the status must be one of the operation's responses, with a body of a
 * described media type that validates against its schema (JSON Schema 2020-12, OpenAPI 3.1
 * dialect). The request body is validated too, both ways: a body the description accepts must
 * not be answered 400, and one it refuses must be answered with an error that comes before or
 * at the params check (400, 401, 404, 405, 413). Thread-safe; records which operation answered
 * which status, for {@link #seen}.
 */
final class OpenApiContract {

  /** The copy of docs/openapi.yaml that the tests and the server share. */
  static final String RESOURCE = "io/herald/api/openapi.yaml";

  private static final String BASE = "https://herald.invalid/openapi.yaml";
  private static final Set<Integer> REFUSALS = Set.of(400, 401, 404, 405, 413);
  /** JSON as the description defines it for bodies: one value, nested at most 64 deep. */
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static volatile OpenApiContract shared;

  private final JsonNode doc;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  OpenApiContract(String yaml) {
    try {
      this.doc = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
        builder -> builder.schemas(Map.of(BASE, yaml)));
  }

  /** The description in the jar, loaded once. */
  static OpenApiContract shared() {
    OpenApiContract c = shared;
    if (c == null) {
      synchronized (OpenApiContract.class) {
        if (shared == null) {
          shared = new OpenApiContract(resourceText());
        }
        c = shared;
      }
    }
    return c;
  }

  static String resourceText() {
    try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed description. */
  JsonNode document() {
    return doc;
  }

  /** Whether the description covers {@code path} at all (API paths and {@code /health}). */
  boolean covers(String path) {
    return path.startsWith("/api/") || doc.path("paths").has(path);
  }

  /**
   * Checks one exchange.
   *
   * @param httpMethod e.g. {@code POST}
   * @param path the request path, without query
   * @param withKey whether the request carried {@code X-API-Key}
   * @param requestBody the request body ("" for none)
   * @param status the response status
   * @param contentType the response's {@code Content-Type}, or null
   * @param responseBody the response body
   * @throws AssertionError naming what does not match
   */
  void check(String httpMethod, String path, boolean withKey, String requestBody, int status,
      String contentType, String responseBody) {
    String what = httpMethod + " " + path + " " + abbreviate(requestBody) + " -> " + status + " "
        + abbreviate(responseBody);
    Operation op = operation(httpMethod.toLowerCase(Locale.ROOT), path);
    if (op == null) {
      throw new AssertionError("openapi.yaml describes no " + httpMethod + " " + path + ": " + what);
    }
    List<String> requestErrors = requestErrors(op, requestBody);
    boolean secured = !op.node().has("security") || !op.node().get("security").isEmpty();
    if (requestErrors.isEmpty() && status == 400) {
      throw new AssertionError("openapi.yaml accepts a request the server refused with 400: "
          + what);
    }
    if (!requestErrors.isEmpty() && !REFUSALS.contains(status)) {
      throw new AssertionError("openapi.yaml refuses a request the server answered " + status
          + ": " + what + " " + requestErrors);
    }
    if (secured && !withKey && status != 401) {
      throw new AssertionError("a request without X-API-Key was not answered 401: " + what);
    }
    String responsePointer = op.pointer() + "/responses/" + status;
    JsonNode response = op.node().path("responses").get(String.valueOf(status));
    if (response == null) {
      throw new AssertionError("openapi.yaml lists no status " + status + " for " + op.id() + ": "
          + what);
    }
    Resolved resolved = resolve(response, responsePointer);
    checkResponseBody(resolved, contentType, responseBody, what);
    seen.add(op.id() + " " + status);
  }

  /** {@code "<operationId> <status>"} of every exchange checked so far. */
  Set<String> seen() {
    return Set.copyOf(seen);
  }

  /** {@code "<operationId> <status>"} of every response the description lists. */
  Set<String> described() {
    Set<String> out = new java.util.TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        paths.hasNext(); ) {
      for (Iterator<Map.Entry<String, JsonNode>> ops = paths.next().getValue().fields();
          ops.hasNext(); ) {
        JsonNode op = ops.next().getValue();
        if (op.has("responses")) {
          op.get("responses").fieldNames()
              .forEachRemaining(s -> out.add(op.get("operationId").asText() + " " + s));
        }
      }
    }
    return out;
  }

  private void checkResponseBody(Resolved response, String contentType, String body,
      String what) {
    JsonNode content = response.node().get("content");
    if (content == null) {
      if (!body.isEmpty()) {
        throw new AssertionError("openapi.yaml describes no body here: " + what);
      }
      return;
    }
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim()
        .toLowerCase(Locale.ROOT);
    if (body.isEmpty() && content.has("text/plain")) {
      return; // a refusal before the body was read has none
    }
    if (!content.has(mediaType)) {
      throw new AssertionError("openapi.yaml describes no " + contentType + " body here: "
          + what);
    }
    if (!mediaType.equals("application/json")) {
      return;
    }
    JsonNode value;
    try {
      value = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("the response is not JSON: " + what, e);
    }
    List<Error> errors = schema(response.pointer() + "/content/application~1json/schema")
        .validate(value);
    if (!errors.isEmpty()) {
      throw new AssertionError("the response does not match openapi.yaml: " + what + " "
          + errors);
    }
  }

  private List<String> requestErrors(Operation op, String body) {
    JsonNode requestBody = op.node().get("requestBody");
    if (requestBody == null) {
      return List.of();
    }
    Resolved resolved = resolve(requestBody, op.pointer() + "/requestBody");
    JsonNode json = resolved.node().path("content").get("application/json");
    if (json == null || !json.has("schema")) {
      return List.of();
    }
    JsonNode value;
    if (body.isEmpty()) {
      value = JsonNodeFactory.instance.objectNode();
    } else {
      try {
        value = JSON.readTree(body);
      } catch (IOException e) {
        return List.of("not JSON");
      }
    }
    List<String> out = new ArrayList<>();
    schema(resolved.pointer() + "/content/application~1json/schema").validate(value)
        .forEach(e -> out.add(e.toString()));
    return out;
  }

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(pointer,
        p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
  }

  /** Follows a {@code $ref} of a request body or response to the object it names. */
  private Resolved resolve(JsonNode node, String pointer) {
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new AssertionError("only local $refs are supported: " + ref);
      }
      pointer = ref.substring(1);
      node = doc.at(pointer);
      if (node.isMissingNode()) {
        throw new AssertionError("openapi.yaml: dangling $ref " + ref);
      }
    }
    return new Resolved(node, pointer);
  }

  private Operation operation(String httpMethod, String path) {
    JsonNode paths = doc.path("paths");
    JsonNode exact = paths.get(path);
    if (exact != null && exact.has(httpMethod)) {
      return operation(path, httpMethod, exact);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().contains("{") && e.getValue().has(httpMethod)
          && matches(e.getKey(), path)) {
        return operation(e.getKey(), httpMethod, e.getValue());
      }
    }
    return null;
  }

  private static Operation operation(String path, String httpMethod, JsonNode item) {
    JsonNode op = item.get(httpMethod);
    String pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + httpMethod;
    return new Operation(op.path("operationId").asText(httpMethod + " " + path), op, pointer);
  }

  private static boolean matches(String template, String path) {
    String regex = java.util.regex.Pattern.quote(template)
        .replaceAll("\\{[^}]+}", "\\\\E[^/]*\\\\Q");
    return path.matches(regex);
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private record Operation(String id, JsonNode node, String pointer) {}

  private record Resolved(JsonNode node, String pointer) {}
}
