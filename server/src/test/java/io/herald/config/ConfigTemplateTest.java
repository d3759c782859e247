package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code herald genconfig}: loads back, lists every key, fresh secrets each time. */
class ConfigTemplateTest {

  @Test
  void loadsBackWithoutError() {
    String text = ConfigTemplate.generate(new SecureRandom());
    HeraldConfig c = ConfigLoader.parse(text, "generated.yaml", Map.of());

    HeraldConfig d = HeraldConfig.defaults();
    assertThat(c.port()).isEqualTo(d.port());
    assertThat(c.client()).isEqualTo(d.client());
    assertThat(c.defaultNamespace()).isEqualTo(d.defaultNamespace());
    assertThat(c.namespaces()).containsExactly(ConfigTemplate.CHAT);
    assertThat(c.token().hmacSecret().getBytes(StandardCharsets.UTF_8))
        .hasSizeGreaterThanOrEqualTo(43);
    assertThat(c.api().key()).hasSize(32);
    assertThat(c.api().maxBodySize()).isEqualTo(d.api().maxBodySize());
  }

  @Test
  void secretsAreFreshEachTime() {
    SecureRandom random = new SecureRandom();
    HeraldConfig a = ConfigLoader.parse(ConfigTemplate.generate(random), "a.yaml", Map.of());
    HeraldConfig b = ConfigLoader.parse(ConfigTemplate.generate(random), "b.yaml", Map.of());
    assertThat(a.token().hmacSecret()).isNotEqualTo(b.token().hmacSecret());
    assertThat(a.api().key()).isNotEqualTo(b.api().key()).isNotEqualTo(a.token().hmacSecret());
  }

  @Test
  void listsEveryKeyWithAComment() throws Exception {
    String text = ConfigTemplate.generate(new SecureRandom());
    JsonNode tree = new YAMLMapper().readTree(text);
    assertHasEveryKey(HeraldConfig.class, tree, "");
    long comments = text.lines().filter(l -> l.strip().startsWith("#")).count();
    long keys = text.lines().filter(l -> l.contains(":") && !l.strip().startsWith("#")).count();
    assertThat(comments).isGreaterThan(keys);
  }

  @Test
  void docsNameEveryKeyAndVariable() throws Exception {
    Path docs = Path.of("..", "docs", "config.md");
    assumeTrue(Files.exists(docs), "docs/config.md is beside the server module");
    String text = Files.readString(docs);
    ConfigLoader.environmentVariables()
        .forEach(
            (variable, key) -> {
              assertThat(text).as("docs/config.md names " + variable).contains(variable);
              assertThat(text).as("docs/config.md names " + key).contains("`" + key + "`");
            });
  }

  @Test
  void docsExamplesLoad() throws Exception {
    Path docs = Path.of("..", "docs", "config.md");
    assumeTrue(Files.exists(docs), "docs/config.md is beside the server module");
    Matcher m =
        Pattern.compile("```(yaml|json)\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(docs));
    int blocks = 0;
    while (m.find()) {
      ConfigLoader.parse(m.group(2), "docs." + m.group(1), Map.of());
      blocks++;
    }
    assertThat(blocks).isGreaterThanOrEqualTo(3);
  }

  private static void assertHasEveryKey(Class<?> type, JsonNode node, String path) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = Records.join(path, c.getName());
      if (Records.HIDDEN.contains(key)) {
        continue;
      }
      assertThat(node.has(c.getName())).as("template has " + key).isTrue();
      JsonNode child = node.get(c.getName());
      if (c.getType().isRecord()) {
        assertHasEveryKey(c.getType(), child, key);
      } else if (Records.listElement(c) == NamespaceConfig.class) {
        assertHasEveryKey(NamespaceConfig.class, child.get(0), key + "[0]");
      }
    }
  }
}
