package io.herald.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Kubernetes objects of a rendered multi-document YAML stream, looked up by kind. */
final class Manifests {

  private static final YAMLMapper YAML = new YAMLMapper();

  private final List<JsonNode> objects;

  private Manifests(List<JsonNode> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests parse(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && !node.isNull() && !node.isMissingNode() && node.size() > 0) {
          out.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Manifests(out);
  }

  List<String> kinds() {
    return objects.stream().map(o -> o.path("kind").asText()).sorted().toList();
  }

  Optional<JsonNode> find(String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst();
  }

  JsonNode get(String kind) {
    return find(kind).orElseThrow(() -> new AssertionError("no " + kind + " in " + kinds()));
  }
}
