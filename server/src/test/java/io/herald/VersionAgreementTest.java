package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One version everywhere a release carries one: every pom, the npm package (and its lock file),
 * the Python package,
 * the TypeScript SDK's {@code VERSION}, the jar's {@link Version} ({@code herald version}), the
 * Helm chart, the kustomize manifests and the newest CHANGELOG entry.
 */
class VersionAgreementTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyFileCarriesTheJarsVersion() throws IOException {
    String version = Version.get();
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");

    List<String> found = new ArrayList<>();
    for (String pom : List.of("pom.xml", "server/pom.xml", "client-java/pom.xml", "bench/pom.xml",
        "deploy/pom.xml")) {
      found.add(pom + " "
          + first(pom, "<artifactId>herald-parent</artifactId>\\s*<version>([^<]+)</version>"));
    }
    found.add("clients/js/package.json "
        + first("clients/js/package.json", "\"version\":\\s*\"([^\"]+)\""));
    found.add("clients/js/package-lock.json "
        + first("clients/js/package-lock.json", "\"version\":\\s*\"([^\"]+)\""));
    found.add("clients/js/src/herald.ts "
        + first("clients/js/src/herald.ts", "VERSION = '([^']+)'"));
    found.add("clients/python/pyproject.toml "
        + first("clients/python/pyproject.toml", "(?m)^version = \"([^\"]+)\""));
    found.add("Chart.yaml version "
        + first("deploy/helm/herald/Chart.yaml", "(?m)^version: (\\S+)"));
    found.add("Chart.yaml appVersion "
        + first("deploy/helm/herald/Chart.yaml", "(?m)^appVersion: \"([^\"]+)\""));
    found.add("kustomize image tag "
        + first("deploy/kustomize/base/kustomization.yaml", "newTag: \"([^\"]+)\""));
    found.add("kustomize deployment image "
        + first("deploy/kustomize/base/deployment.yaml", "image: herald:(\\S+)"));
    found.add("CHANGELOG.md " + first("CHANGELOG.md", "(?m)^## \\[(\\d[^\\]]*)\\]"));

    assertThat(found).allSatisfy(line -> assertThat(line).endsWith(" " + version));
  }

  private static String first(String file, String regex) throws IOException {
    String text = Files.readString(ROOT.resolve(file));
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : "(no version in " + file + ")";
  }
}
