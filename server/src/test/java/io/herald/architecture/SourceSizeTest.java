package io.herald.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No source file of the server is over {@value #MAX_LINES} lines: small classes, one concept each. */
class SourceSizeTest {

  static final int MAX_LINES = 400;

  @Test
  void noMainSourceFileIsOverTheLimit() throws IOException {
    Path main = Path.of("src", "main", "java");
    assertThat(main).isDirectory();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(main)) {
      tooLong = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> lines(p) > MAX_LINES)
          .map(p -> p + " (" + lines(p) + " lines)")
          .toList();
    }
    assertThat(tooLong).as("source files over %d lines", MAX_LINES).isEmpty();
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
