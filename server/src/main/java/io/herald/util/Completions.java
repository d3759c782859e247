package io.herald.util;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for {@link java.util.concurrent.CompletionStage} failures. */
public final class Completions {

  private Completions() {}

  /**
   * What actually failed: {@code error} without the {@link CompletionException} and {@link
   * ExecutionException} wrappers that stages put around it (any depth); {@code error} itself
   * when it is no such wrapper or has no cause.
   */
  public static Throwable cause(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * {@code error} as a {@link CompletionException}, to rethrow from a stage's function: itself
   * when it already is one, else wrapped.
   */
  public static CompletionException wrap(Throwable error) {
    return error instanceof CompletionException c ? c : new CompletionException(error);
  }
}
