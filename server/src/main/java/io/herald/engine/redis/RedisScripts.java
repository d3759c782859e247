package io.herald.engine.redis;

import io.herald.util.Completions;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Lua scripts of the Redis engine. Each runs atomically on the Redis that holds its keys (all
 * keys of one script share a channel's hash tag), which is what makes "next offset, append,
 * publish" one step. Scripts are run by SHA and sent in full only when Redis does not know them
 * (first use, or after a Redis restart emptied its script cache).
 */
final class RedisScripts {

  /**
   * Publish, optionally with history and idempotency. KEYS: stream, meta, idempotency key. ARGV:
   * body, history size (0: none), history ttl ms, meta ttl ms, epoch for a new stream, pub/sub
   * channel ('' to append without publishing), idempotency window ms ('0': none). Returns {1,
   * "offset:epoch"}, or {0, the first publish's "offset:epoch"} for a repeated key; "0:" when no
   * history is kept. A stream whose meta is gone is deleted before the new epoch starts, so its
   * offsets start again at 1.
   */
  static final Script PUBLISH = new Script("""
      if ARGV[7] ~= '0' then
        local seen = redis.call('GET', KEYS[3])
        if seen then return {0, seen} end
      end
      local position = '0:'
      if tonumber(ARGV[2]) > 0 then
        local epoch = redis.call('HGET', KEYS[2], 'e')
        if not epoch then
          epoch = ARGV[5]
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[2], 'e', epoch)
        end
        local offset = redis.call('HINCRBY', KEYS[2], 'o', 1)
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], offset .. '-0', 'd', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        position = offset .. ':' .. epoch
      end
      if ARGV[7] ~= '0' then redis.call('SET', KEYS[3], position, 'PX', ARGV[7]) end
      if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[6], 'p' .. position .. ':' .. ARGV[1]) end
      return {1, position}
      """);

  /**
   * Read history. KEYS: stream, meta. ARGV: epoch for a new stream, meta ttl ms, since offset (''
   * for none), since epoch, limit (-1: all), reverse ('1'). Returns {top offset, epoch, entries}
   * with entries as XRANGE gives them. A missing meta is created (offset 0, a new epoch).
   */
  static final Script READ = new Script("""
      local epoch = redis.call('HGET', KEYS[2], 'e')
      if not epoch then
        epoch = ARGV[1]
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[2], 'e', epoch, 'o', 0)
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
      end
      local top = redis.call('HGET', KEYS[2], 'o') or '0'
      local limit = tonumber(ARGV[5])
      local since = ARGV[3]
      if limit == 0 or (since ~= '' and ARGV[4] ~= epoch) then return {top, epoch, {}} end
      local count = {}
      if limit > 0 then count = {'COUNT', limit} end
      local entries
      if ARGV[6] == '1' then
        if since == '0' then return {top, epoch, {}} end
        local from = '+'
        if since ~= '' then from = '(' .. since .. '-0' end
        entries = redis.call('XREVRANGE', KEYS[1], from, '-', unpack(count))
      else
        local from = '-'
        if since ~= '' then from = '(' .. since .. '-0' end
        entries = redis.call('XRANGE', KEYS[1], from, '+', unpack(count))
      end
      return {top, epoch, entries}
      """);

  /** Drops expired presence entries. KEYS: hash, expiry zset. Shared head of the two below. */
  private static final String DROP_EXPIRED = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
      if #expired > 0 then
        redis.call('HDEL', KEYS[1], unpack(expired))
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
      end
      """;

  /**
   * Add or refresh a presence entry. KEYS: hash, expiry zset. ARGV: client, info, ttl ms. Both
   * keys live at least as long as the newest entry.
   */
  static final Script PRESENCE_ADD = new Script(DROP_EXPIRED + """
      local ttl = tonumber(ARGV[3])
      redis.call('ZADD', KEYS[2], now + ttl, ARGV[1])
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      if redis.call('PTTL', KEYS[2]) < ttl then
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('PEXPIRE', KEYS[2], ttl)
      end
      return 1
      """);

  /** Live presence entries. KEYS: hash, expiry zset. Returns HGETALL's flat list. */
  static final Script PRESENCE_READ = new Script(DROP_EXPIRED + """
      return redis.call('HGETALL', KEYS[1])
      """);

  /** Remove a presence entry. KEYS: hash, expiry zset. ARGV: client. */
  static final Script PRESENCE_REMOVE = new Script("""
      redis.call('HDEL', KEYS[1], ARGV[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      return 1
      """);

  private RedisScripts() {}

  /** A Lua script and its SHA-1. */
  record Script(String text, String sha) {

    Script(String text) {
      this(text, sha1(text));
    }

    /**
     * Runs the script by SHA, loading it when Redis answers NOSCRIPT.
     *
     * @param args ARGV; each a {@code byte[]} or anything whose {@code toString} is the value
     */
    <T> CompletionStage<T> run(
        RedisClusterAsyncCommands<String, byte[]> redis, ScriptOutputType type, String[] keys,
        Object... args) {
      byte[][] values = new byte[args.length][];
      for (int i = 0; i < args.length; i++) {
        values[i] = args[i] instanceof byte[] b
            ? b : args[i].toString().getBytes(StandardCharsets.UTF_8);
      }
      CompletionStage<T> bySha = redis.<T>evalsha(sha, type, keys, values);
      return bySha.exceptionallyCompose(e -> {
        Throwable cause = Completions.cause(e);
        if (cause instanceof RedisNoScriptException) {
          return redis.<T>eval(text, type, keys, values);
        }
        return CompletableFuture.failedFuture(cause);
      });
    }

    private static String sha1(String text) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
            .digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is missing from this JVM", e);
      }
    }
  }
}
