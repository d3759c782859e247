package io.herald.engine;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Helpers the engine conformance suites share. */
public final class EngineTests {

  private EngineTests() {}

  /** A channel name no other test run uses (distributed engines share their server). */
  public static String unique(String name) {
    return name + "-" + System.nanoTime();
  }

  /** The stage's value, failing after 5 seconds. */
  public static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
