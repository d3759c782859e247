package io.herald.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options every JVM server of a run gets: those Herald's launcher recommends ({@code
 * scripts/jvm.options} of the checkout, and {@code scripts/jvm-25.options} when the servers' JVM,
 * the bench's own, is 25 or later; so Herald runs as {@code ./herald} runs it and the bare
 * broadcaster runs on the same JVM settings), then the run's {@code --server-java-opts}.
 */
public final class JvmOptions {

  private JvmOptions() {}

  /**
   * The recommended options of {@code checkout} followed by {@code extra} (space-separated);
   * only {@code extra} when the checkout has no {@code scripts/jvm.options}.
   */
  public static List<String> of(Path checkout, String extra) {
    List<String> out = new ArrayList<>(read(checkout.resolve("scripts/jvm.options")));
    if (Runtime.version().feature() >= 25) {
      out.addAll(read(checkout.resolve("scripts/jvm-25.options")));
    }
    if (!extra.isBlank()) {
      out.addAll(List.of(extra.trim().split("\\s+")));
    }
    return out;
  }

  /** The options of {@code file}, one a line, without comments and blank lines; none if absent. */
  private static List<String> read(Path file) {
    List<String> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String option = line.strip();
        if (!option.isEmpty() && !option.startsWith("#")) {
          out.add(option);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
