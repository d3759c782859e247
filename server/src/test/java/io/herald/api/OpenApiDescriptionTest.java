package io.herald.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml (as packed into the jar) describes exactly the API's methods, each as {@code
 * POST /api/<method>} with its name as operationId. What each method takes and answers is checked
 * against every exchange of the API tests (io.herald.it.OpenApiContract).
 */
class OpenApiDescriptionTest {

  @Test
  void describesExactlyTheApiMethods() throws IOException {
    JsonNode doc = description();
    Set<String> described = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      String name = path.getKey();
      if (name.startsWith("/api/") && !name.contains("{")
          && path.getValue().path("post").path("responses").has("200")) {
        String method = name.substring("/api/".length());
        described.add(method);
        assertThat(path.getValue().get("post").get("operationId").asText()).isEqualTo(method);
      }
    }
    assertThat(described).containsExactlyElementsOf(new ApiMethods(null, new ObjectMapper()).names());
  }

  @Test
  void isOpenApi31WithTheKeyHeaderAndHeraldsVersion() throws IOException {
    JsonNode doc = description();
    assertThat(doc.get("openapi").asText()).startsWith("3.1.");
    JsonNode scheme = doc.at("/components/securitySchemes/apiKey");
    assertThat(scheme.get("in").asText()).isEqualTo("header");
    assertThat(scheme.get("name").asText()).isEqualTo("X-API-Key");
    assertThat(doc.at("/info/version").asText()).isEqualTo(io.herald.Version.get());
  }

  static JsonNode description() throws IOException {
    try (InputStream in = OpenApiDescriptionTest.class.getClassLoader()
        .getResourceAsStream("io/herald/api/openapi.yaml")) {
      assertThat(in).as("openapi.yaml in the jar").isNotNull();
      return new YAMLMapper().readTree(in);
    }
  }
}
