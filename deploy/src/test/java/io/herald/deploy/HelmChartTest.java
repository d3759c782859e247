package io.herald.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart deploy/helm/herald, rendered and linted by Helm's own code (helm-java), with the
 * defaults and with every option on: the objects and the settings that must agree (probes on the
 * internal port, grace period = preStop + shutdown timeout + 5 s, secrets, the Redis switch);
 * settings that cannot work are refused; the packaged chart renders the same; every rendered
 * object and every kustomize manifest passes the Kubernetes schemas (deploy/test/manifests).
 */
class HelmChartTest {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path CHART = ROOT.resolve("deploy/helm/herald");
  static final Path OUT = Path.of("target/manifests").toAbsolutePath();

  @BeforeAll
  static void clean() throws IOException {
    Files.createDirectories(OUT);
  }

  private static String render(Path chart, Map<String, Object> values) {
    TemplateCommand t = new Helm(chart).template().withName("herald").withNamespace("realtime");
    values.forEach(t::set);
    return t.call();
  }

  private static Manifests renderTo(String file, Map<String, Object> values) throws IOException {
    String yaml = render(CHART, values);
    Files.writeString(OUT.resolve(file), yaml);
    return Manifests.parse(yaml);
  }

  @Test
  void lintIsClean() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
  }

  @Test
  void defaultsRenderOneNodeWithProbesDrainAndSecrets() throws IOException {
    Manifests m = renderTo("default.yaml", Map.of());
    assertThat(m.kinds()).containsExactly("ConfigMap", "Deployment", "NetworkPolicy",
        "PodDisruptionBudget", "Secret", "Service", "ServiceAccount");

    JsonNode pod = m.get("Deployment").at("/spec/template/spec");
    JsonNode c = pod.at("/containers/0");
    assertThat(c.at("/image").asText()).isEqualTo("herald:0.2.0");
    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
    assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("internal");
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
    assertThat(c.at("/lifecycle/preStop/sleep/seconds").asInt()).isEqualTo(5);
    assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).isEqualTo(5 + 20 + 5);
    assertThat(env(c)).containsEntry("HERALD_SHUTDOWN_DRAIN_PERIOD", "5s")
        .containsEntry("HERALD_SHUTDOWN_TIMEOUT", "20s")
        .containsEntry("HERALD_ENGINE_TYPE", "memory")
        .containsEntry("HERALD_INTERNAL_PORT", "9000");
    assertThat(c.at("/args").toString()).isEqualTo("[\"serve\",\"--config\",\"/etc/herald/herald.yaml\"]");
    assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("250m");

    JsonNode secret = m.get("Secret").at("/data");
    assertThat(secret.has("HERALD_TOKEN_HMAC_SECRET")).isTrue();
    assertThat(secret.has("HERALD_API_KEY")).isTrue();
    assertThat(c.at("/envFrom/0/secretRef/name").asText())
        .isEqualTo(m.get("Secret").at("/metadata/name").asText());

    JsonNode ports = m.get("Service").at("/spec/ports");
    assertThat(ports.findValuesAsText("port")).containsExactly("8000", "9000");
    assertThat(m.get("ConfigMap").at("/data/herald.yaml").asText())
        .contains("allowSubscribeForClient: true");
    JsonNode np = m.get("NetworkPolicy").at("/spec/ingress");
    assertThat(np.at("/0/ports/0/port").asText()).isEqualTo("client");
    assertThat(np.at("/1/ports/0/port").asText()).isEqualTo("internal");
    assertThat(np.at("/1/from").size()).isEqualTo(1);
  }

  @Test
  void everyOptionOnRendersRedisAutoscalingAndMonitoring() throws IOException {
    Manifests m = renderTo("redis.yaml", Map.of(
        "engine.type", "redis",
        "replicaCount", "3",
        "autoscaling.enabled", "true",
        "serviceMonitor.enabled", "true",
        "secrets.existingSecret", "herald-secrets",
        "shutdown.drainPeriodSeconds", "10",
        "shutdown.timeoutSeconds", "40",
        "env.HERALD_CLIENT_ALLOW_ANONYMOUS", "true"));
    assertThat(m.kinds()).contains("HorizontalPodAutoscaler", "ServiceMonitor")
        .doesNotContain("Secret");
    JsonNode pod = m.get("Deployment").at("/spec/template/spec");
    assertThat(m.get("Deployment").at("/spec").has("replicas")).as("the HPA sets replicas").isFalse();
    assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).isEqualTo(5 + 40 + 5);
    JsonNode c = pod.at("/containers/0");
    assertThat(env(c)).containsEntry("HERALD_ENGINE_TYPE", "redis")
        .containsEntry("HERALD_SHUTDOWN_DRAIN_PERIOD", "10s")
        .containsEntry("HERALD_CLIENT_ALLOW_ANONYMOUS", "true");
    assertThat(c.at("/envFrom/0/secretRef/name").asText()).isEqualTo("herald-secrets");
    assertThat(m.get("ServiceMonitor").at("/spec/endpoints/0/port").asText()).isEqualTo("internal");
    assertThat(m.get("HorizontalPodAutoscaler").at("/spec/minReplicas").asInt()).isEqualTo(2);

    Manifests withAddress = renderTo("redis-address.yaml", Map.of(
        "engine.type", "redis", "engine.redis.address", "redis://redis:6379",
        "secrets.adminPassword", "admin-password-0123"));
    assertThat(withAddress.get("Secret").at("/data").has("HERALD_ENGINE_REDIS_ADDRESS")).isTrue();
    assertThat(withAddress.get("Secret").at("/data").has("HERALD_ADMIN_PASSWORD")).isTrue();
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> render(CHART, Map.of("replicaCount", "2")))
        .hasMessageContaining("engine.type must be redis");
    assertThatThrownBy(() -> render(CHART, Map.of("engine.type", "redis")))
        .hasMessageContaining("engine.redis.address is required");
    assertThatThrownBy(() -> render(CHART, Map.of("engine.type", "mongo")))
        .hasMessageContaining("engine.type must be memory or redis");
    assertThatThrownBy(() -> render(CHART, Map.of("shutdown.timeoutSeconds", "5")))
        .hasMessageContaining("shutdown.timeoutSeconds must be more");
  }

  @Test
  void thePackagedChartRendersTheSame() throws Exception {
    Path dest = Path.of("target/chart").toAbsolutePath();
    Process p = new ProcessBuilder("bash", ROOT.resolve("deploy/helm/package.sh").toString(),
        "0.2.0", dest.toString()).inheritIO().start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    Path tgz = dest.resolve("herald-0.2.0.tgz");
    Manifests packaged = Manifests.parse(render(tgz, Map.of()));
    assertThat(packaged.kinds()).isEqualTo(Manifests.parse(render(CHART, Map.of())).kinds());
  }

  @Test
  void everyObjectPassesTheKubernetesSchemas() throws Exception {
    renderTo("schema-default.yaml", Map.of());
    renderTo("schema-all.yaml", Map.of("engine.type", "redis", "engine.redis.address",
        "redis://redis:6379", "autoscaling.enabled", "true", "serviceMonitor.enabled", "true"));
    Path validator = ROOT.resolve("deploy/test/manifests");
    if (!Files.isDirectory(validator.resolve("node_modules"))) {
      run(validator, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
    }
    List<String> cmd = new ArrayList<>(List.of("node", "validate.mjs"));
    try (Stream<Path> files = Files.list(OUT)) {
      files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> cmd.add(f.toString()));
    }
    try (Stream<Path> files = Files.walk(ROOT.resolve("deploy/kustomize"))) {
      files.filter(f -> f.toString().endsWith(".yaml") && !f.getParent().endsWith("config"))
          .sorted().forEach(f -> cmd.add(f.toString()));
    }
    String out = run(validator, cmd);
    assertThat(out).contains("Deployment herald").contains("ServiceMonitor").contains(" 0 failed");
  }

  @Test
  void theSchemaCheckRefusesABrokenObject() throws Exception {
    Path bad = Files.createDirectories(Path.of("target/broken").toAbsolutePath()).resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: broken}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            spec:
              containers: [{name: c, image: i, ports: [{containerPort: "eight thousand"}]}]
        """);
    Path validator = ROOT.resolve("deploy/test/manifests");
    if (!Files.isDirectory(validator.resolve("node_modules"))) {
      run(validator, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
    }
    Process p = new ProcessBuilder("node", "validate.mjs", bad.toString())
        .directory(validator.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(out).contains("containerPort must be integer").contains("0 passed, 1 failed");
  }

  @Test
  void kustomizeBaseRunsThePodTheChartRendersByDefault() throws IOException {
    JsonNode chart = Manifests.parse(render(CHART, Map.of())).get("Deployment")
        .at("/spec/template/spec");
    JsonNode plain = Manifests.parse(
        Files.readString(ROOT.resolve("deploy/kustomize/base/deployment.yaml"))).get("Deployment")
        .at("/spec/template/spec");
    assertThat(plain.at("/containers/0")).isEqualTo(chart.at("/containers/0"));
    assertThat(plain.at("/securityContext")).isEqualTo(chart.at("/securityContext"));
    assertThat(plain.at("/terminationGracePeriodSeconds"))
        .isEqualTo(chart.at("/terminationGracePeriodSeconds"));
  }

  private static String run(Path dir, List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s:%n%s", cmd, out).isZero();
    return out;
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    container.path("env").forEach(e -> out.put(e.path("name").asText(), e.path("value").asText()));
    return out;
  }
}
