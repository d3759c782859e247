package io.herald.webhooks;

import io.herald.util.Completions;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * One Lua script of the Redis outbox, run by SHA and sent in full only when Redis does not know it
 * (first use, or a Redis restart emptied its script cache). Immutable.
 */
final class LuaScript {

  private final String text;
  private final String sha;

  LuaScript(String text) {
    this.text = text;
    try {
      this.sha = HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** Runs the script; never blocks. */
  <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType type,
      String[] keys, String... args) {
    return redis.<T>evalsha(sha, type, keys, args).toCompletableFuture()
        .handle((v, e) -> {
          if (e == null) {
            return CompletableFuture.completedFuture(v);
          }
          Throwable cause = Completions.cause(e);
          if (cause instanceof RedisNoScriptException) {
            return redis.<T>eval(text, type, keys, args).toCompletableFuture();
          }
          return CompletableFuture.<T>failedFuture(cause);
        })
        .thenCompose(f -> f);
  }
}
