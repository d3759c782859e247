package io.herald.webhooks;

import io.lettuce.core.Consumer;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's partition in the Redis outbox, as its deliverer on this node sees it. Only the
 * holder of the lease {@code <stream>:lease} reads: a node takes a free lease (SET NX, {@link
 * #LEASE_MILLIS}), claims the group's pending entries (those of a node that died mid-batch), and
 * reads them first, then new entries; the outbox renews its leases every second. A lease not
 * renewed (the node died) is free again after {@link #LEASE_MILLIS}, so another node takes the
 * partition over within about 6 seconds. Reads poll (no blocking command on the shared
 * connection): an idle partition looks every 100 ms.
 */
final class RedisPartition implements DeliveryQueue {

  private static final Logger log = LoggerFactory.getLogger(RedisPartition.class);

  /** How long a lease lasts without renewal. */
  static final long LEASE_MILLIS = 5000;

  private static final long POLL_MILLIS = 100;

  private final RedisOutbox outbox;
  private final String stream;
  private final String lease;
  private volatile boolean owned;

  private volatile long renewedAt;

  RedisPartition(RedisOutbox outbox, String stream) {
    this.outbox = outbox;
    this.stream = stream;
    this.lease = stream + ":lease";
  }

  @Override
  public List<Queued> next(int max, Duration batchDelay, Duration idleWait)
      throws InterruptedException {
    long deadline = System.nanoTime() + idleWait.toNanos();
    while (true) {
      try {
        if (!owned && !take()) {
          Thread.sleep(idleWait.toMillis());
          return List.of();
        }
        List<Queued> mine = read("0", max);
        if (!mine.isEmpty()) {
          return mine;
        }
        List<Queued> fresh = read(">", max);
        if (!fresh.isEmpty()) {
          if (fresh.size() < max && !batchDelay.isZero()) {
            Thread.sleep(batchDelay.toMillis());
            fresh.addAll(read(">", max - fresh.size()));
          }
          return fresh;
        }
      } catch (RuntimeException e) {
        log.debug("webhook outbox {} unavailable: {}", stream, e.toString());
        if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
          // Redis lost the stream (a restart without persistence): make it again
          try {
            outbox.ensureGroup(stream);
          } catch (RuntimeException again) {
            log.debug("webhook outbox {}: cannot create its group: {}", stream, again.toString());
          }
        }
      }
      if (System.nanoTime() > deadline) {
        return List.of();
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private boolean take() {
    if (!outbox.acquire(lease)) {
      return false;
    }
    outbox.ensureGroup(stream);
    outbox.claimAll(stream);
    renewedAt = System.nanoTime();
    owned = true;
    log.debug("webhook outbox {}: this node delivers it", stream);
    return true;
  }

  private List<Queued> read(String from, int max) {
    List<StreamMessage<String, String>> got = outbox.sync().xreadgroup(
        Consumer.from(RedisOutbox.GROUP, outbox.node()), XReadArgs.Builder.count(max),
        XReadArgs.StreamOffset.from(stream, from));
    List<Queued> out = new ArrayList<>(got.size());
    List<String> bad = new ArrayList<>();
    for (StreamMessage<String, String> m : got) {
      String json = m.getBody().get("e");
      try {
        out.add(new Queued(m.getId(), EventJson.parse(json.getBytes(StandardCharsets.UTF_8))));
      } catch (RuntimeException e) {
        bad.add(m.getId());
      }
    }
    if (!bad.isEmpty()) {
      log.warn("webhook outbox {}: skipped {} entries that are not events", stream, bad.size());
      acknowledge(bad);
    }
    return out;
  }

  @Override
  public void ack(List<Queued> batch) {
    List<String> ids = new ArrayList<>(batch.size());
    batch.forEach(q -> ids.add(q.ref()));
    acknowledge(ids);
  }

  private void acknowledge(List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    String[] array = ids.toArray(String[]::new);
    outbox.sync().xack(stream, RedisOutbox.GROUP, array);
    outbox.sync().xdel(stream, array);
  }

  @Override
  public boolean owned() {
    return owned;
  }

  /** Keeps the lease while this node holds it; notices when it was lost. */
  void renew() {
    if (!owned) {
      return;
    }
    try {
      Long kept = RedisWebhookScripts.RENEW.<Long>run(outbox.async(), ScriptOutputType.INTEGER,
          new String[] {lease}, outbox.node(), Long.toString(LEASE_MILLIS)).get();
      if (kept == null || kept == 0) {
        owned = false;
        log.info("webhook outbox {}: lease lost to another node", stream);
      } else {
        renewedAt = System.nanoTime();
      }
    } catch (Exception e) {
      log.debug("webhook outbox {}: lease renewal failed: {}", stream, e.toString());
      if (System.nanoTime() - renewedAt > LEASE_MILLIS * 1_000_000L) {
        owned = false;
      }
    }
  }

  /** Gives the lease back (shutdown). */
  void release() {
    if (owned) {
      owned = false;
      try {
        RedisWebhookScripts.RENEW.<Long>run(outbox.async(), ScriptOutputType.INTEGER,
            new String[] {lease}, outbox.node(), "1").get();
      } catch (Exception e) {
        log.debug("webhook outbox {}: lease release failed: {}", stream, e.toString());
      }
    }
  }
}
