package io.herald.webhooks;

/**
 * The Lua scripts of the Redis outbox and occupancy. Every key shares the hash tag of the outbox
 * prefix {@code P} ({@code {herald:wh}}). Each state change and the event it causes are one
 * atomic step, so a transition is emitted by exactly one node, once, and a node dying between
 * the two cannot lose it.
 *
 * <p>Keys: {@code P:ch:<channel>} (set of node ids with a subscriber), {@code P:nch:<node>}
 * (channels of a node), {@code P:u:<user>} (nodes with a connection of the user), {@code
 * P:nu:<node>}, {@code P:pending} (users waiting for user.offline, scored by when it is due),
 * {@code P:vacating} (channels of dead nodes left with no subscriber, vacated next), {@code
 * P:nodes} (node ids scored by their last heartbeat), and per target and partition the stream
 * {@code <target base>:<partition>} with its consumer group and lease.
 *
 * <p>Calling convention of every emitting script: KEYS are the stream bases of the targets that
 * accept the event; ARGV[1] the event's JSON, ARGV[2] its key, ARGV[3] the number n of targets,
 * ARGV[4..3+n] their queueMaxSize, then the script's own arguments.
 */
final class RedisWebhookScripts {

  private RedisWebhookScripts() {}

  /**
   * Adds ARGV[1] to the partition of ARGV[2] of each target; returns the bit mask of the targets
   * that were full (bit i-1 for KEYS[i]), which did not get it.
   */
  private static final String EMIT = """
      local function now_ms()
        local t = redis.call('TIME')
        return t[1] * 1000 + math.floor(t[2] / 1000)
      end
      local function emit()
        local n = tonumber(ARGV[3])
        if n == 0 then return 0 end
        local p = tonumber(string.sub(redis.sha1hex(ARGV[2]), 1, 4), 16) % %PARTITIONS%
        local full = 0
        for i = 1, n do
          local size = 0
          for q = 0, %PARTITIONS% - 1 do size = size + redis.call('XLEN', KEYS[i] .. ':' .. q) end
          if size >= tonumber(ARGV[3 + i]) then
            full = full + 2 ^ (i - 1)
          else
            redis.call('XADD', KEYS[i] .. ':' .. p, '*', 'e', ARGV[1])
          end
        end
        return full
      end
      local a = 4 + tonumber(ARGV[3])
      """.replace("%PARTITIONS%", Integer.toString(Partitions.COUNT));

  /** Just the event (presence, publications). Returns the full targets' mask. */
  static final LuaScript ADD = new LuaScript(EMIT + "return emit()\n");

  /**
   * A node's first subscriber of a channel. ARGV[a..]: prefix, node, channel. Emits occupied when
   * no node had one (and it was not a dead node's channel still waiting to be vacated). Returns
   * the full targets' mask, or -1 when nothing was emitted (so for every emitting script).
   */
  static final LuaScript CHANNEL_ADD = new LuaScript(EMIT + """
      local pre, node, ch = ARGV[a], ARGV[a + 1], ARGV[a + 2]
      local added = redis.call('SADD', pre .. ':ch:' .. ch, node)
      redis.call('SADD', pre .. ':nch:' .. node, ch)
      local waiting = redis.call('SREM', pre .. ':vacating', ch)
      if added == 1 and waiting == 0 and redis.call('SCARD', pre .. ':ch:' .. ch) == 1 then
        return emit()
      end
      return -1
      """);

  /** A node's last subscriber of a channel gone. ARGV[a..]: prefix, node, channel. */
  static final LuaScript CHANNEL_REMOVE = new LuaScript(EMIT + """
      local pre, node, ch = ARGV[a], ARGV[a + 1], ARGV[a + 2]
      local removed = redis.call('SREM', pre .. ':ch:' .. ch, node)
      redis.call('SREM', pre .. ':nch:' .. node, ch)
      if removed == 1 and redis.call('SCARD', pre .. ':ch:' .. ch) == 0 then return emit() end
      return -1
      """);

  /** A dead node's channel, vacated unless someone subscribed since. ARGV[a..]: prefix, channel. */
  static final LuaScript CHANNEL_VACATE = new LuaScript(EMIT + """
      local pre, ch = ARGV[a], ARGV[a + 1]
      if redis.call('SREM', pre .. ':vacating', ch) == 1
          and redis.call('SCARD', pre .. ':ch:' .. ch) == 0 then
        return emit()
      end
      return -1
      """);

  /**
   * A user's first connection on a node. ARGV[a..]: prefix, node, user. Emits online unless the
   * user is within the grace delay of an offline (which it cancels).
   */
  static final LuaScript USER_ADD = new LuaScript(EMIT + """
      local pre, node, user = ARGV[a], ARGV[a + 1], ARGV[a + 2]
      local added = redis.call('SADD', pre .. ':u:' .. user, node)
      redis.call('SADD', pre .. ':nu:' .. node, user)
      local pending = redis.call('ZREM', pre .. ':pending', user)
      if added == 1 and pending == 0 and redis.call('SCARD', pre .. ':u:' .. user) == 1 then
        return emit()
      end
      return -1
      """);

  /**
   * A user's last connection on a node gone: when no node has one, user.offline is due after the
   * grace. KEYS: none. ARGV: prefix, node, user, grace ms.
   */
  static final LuaScript USER_REMOVE = new LuaScript("""
      local pre, node, user = ARGV[1], ARGV[2], ARGV[3]
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local removed = redis.call('SREM', pre .. ':u:' .. user, node)
      redis.call('SREM', pre .. ':nu:' .. node, user)
      if removed == 1 and redis.call('SCARD', pre .. ':u:' .. user) == 0 then
        redis.call('ZADD', pre .. ':pending', now + tonumber(ARGV[4]), user)
        return 1
      end
      return 0
      """);

  /** Users whose offline is due. ARGV: prefix, most to return. */
  static final LuaScript DUE = new LuaScript("""
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      return redis.call('ZRANGEBYSCORE', ARGV[1] .. ':pending', '-inf', now, 'LIMIT', 0, ARGV[2])
      """);

  /** Emits user.offline when it is due and the user still has no connection. ARGV[a..]: prefix, user. */
  static final LuaScript USER_OFFLINE = new LuaScript(EMIT + """
      local pre, user = ARGV[a], ARGV[a + 1]
      local due = redis.call('ZSCORE', pre .. ':pending', user)
      if not due or tonumber(due) > now_ms() then return -1 end
      redis.call('ZREM', pre .. ':pending', user)
      if redis.call('SCARD', pre .. ':u:' .. user) == 0 then return emit() end
      return -1
      """);

  /**
   * The node's heartbeat. ARGV: prefix, node. Returns 1 when the node was not listed (new, or
   * reaped as dead while it was alive: it then registers its channels and users again).
   */
  static final LuaScript HEARTBEAT = new LuaScript("""
      local t = redis.call('TIME')
      return redis.call('ZADD', ARGV[1] .. ':nodes', t[1] * 1000 + math.floor(t[2] / 1000), ARGV[2])
      """);

  /**
   * Forgets every node silent for ARGV[2] ms (or the node ARGV[4] when set, on its shutdown):
   * its channels left with no subscriber go to the vacating set, its users left with no
   * connection get user.offline due after the grace ARGV[3] ms. ARGV[1]: prefix. Returns the
   * number of nodes forgotten.
   */
  static final LuaScript REAP = new LuaScript("""
      local pre = ARGV[1]
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local dead
      if ARGV[4] ~= '' then dead = {ARGV[4]} else
        dead = redis.call('ZRANGEBYSCORE', pre .. ':nodes', '-inf', now - tonumber(ARGV[2]))
      end
      for _, node in ipairs(dead) do
        for _, ch in ipairs(redis.call('SMEMBERS', pre .. ':nch:' .. node)) do
          redis.call('SREM', pre .. ':ch:' .. ch, node)
          if redis.call('SCARD', pre .. ':ch:' .. ch) == 0 then
            redis.call('SADD', pre .. ':vacating', ch)
          end
        end
        for _, user in ipairs(redis.call('SMEMBERS', pre .. ':nu:' .. node)) do
          redis.call('SREM', pre .. ':u:' .. user, node)
          if redis.call('SCARD', pre .. ':u:' .. user) == 0 then
            redis.call('ZADD', pre .. ':pending', 'NX', now + tonumber(ARGV[3]), user)
          end
        end
        redis.call('DEL', pre .. ':nch:' .. node, pre .. ':nu:' .. node)
        redis.call('ZREM', pre .. ':nodes', node)
      end
      return #dead
      """);

  /** Keeps a lease held by ARGV[1] for ARGV[2] ms more. KEYS: the lease. Returns 1 when kept. */
  static final LuaScript RENEW = new LuaScript("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 0
      """);
}
