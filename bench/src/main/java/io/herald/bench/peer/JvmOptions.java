package io.herald.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options every JVM server of a run gets: those Herald's launcher recommends ({@code
 * scripts/jvm.options} of the checkout, so Herald runs as {@code ./herald} runs it and the bare
 * broadcaster runs on the same JVM settings), then the run's {@code --server-java-opts}.
 */
public final class JvmOptions {

  private JvmOptions() {}

  /**
   * The recommended options of {@code checkout} followed by {@code extra} (space-separated);
   * only {@code extra} when the checkout has no {@code scripts/jvm.options}.
   */
  public static List<String> of(Path checkout, String extra) {
    List<String> out = new ArrayList<>();
    Path file = checkout.resolve("scripts/jvm.options");
    if (Files.isRegularFile(file)) {
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
    }
    if (!extra.isBlank()) {
      out.addAll(List.of(extra.trim().split("\\s+")));
    }
    return out;
  }
}
