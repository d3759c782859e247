package io.herald.engine.redis;

import io.herald.engine.Broker;
import io.herald.engine.BrokerEventHandler;
import io.herald.engine.ClientInfo;
import io.herald.engine.wire.ControlCodec;
import io.herald.engine.ControlMessage;
import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import io.herald.engine.Publication;
import io.herald.engine.PublishOptions;
import io.herald.engine.StreamPosition;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis broker. A publication of a channel with history (or with an idempotency key) goes
 * through one Lua script that checks the key, assigns the next offset, appends to the stream and
 * PUBLISHes {@code p<offset>:<epoch>:<body>} on the channel's pub/sub channel, atomically: every
 * node receives a channel's publications in offset order. Without history it is one PUBLISH.
 * Joins and leaves travel on the same pub/sub channel, so they keep their order with
 * publications. A node is subscribed to a channel's pub/sub channel between {@link #subscribe}
 * and {@link #unsubscribe}; to the control channel always.
 *
 * <p>Outages: commands fail at once while Redis is unreachable (a publish completes exceptionally
 * and the node answers 108). Lettuce reconnects with exponential backoff and subscribes the
 * pub/sub channels again. Publications sent while this node was cut off are lost for it, so when a
 * channel's subscription is confirmed again after a lost connection the broker reads the
 * channel's stream position and hands it to {@link BrokerEventHandler#onPositionCheck}: the node
 * makes subscribers that are behind it (or on a lost stream) recover from history. Thread-safe;
 * callbacks run on the Lettuce thread of the shard's pub/sub connection, in arrival order.
 */
public final class RedisBroker implements Broker, HealthCheck {

  private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

  /** How long after a reconnect missing subscriptions are made again. */
  private static final long SETTLE_MILLIS = 500;

  private final RedisKeys keys;
  private volatile RedisShards shards;
  private volatile RedisStreams streams;
  private final Set<String> wanted = ConcurrentHashMap.newKeySet();
  private final Set<String> toCheck = ConcurrentHashMap.newKeySet();
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
  private final Set<String> resubscribing = ConcurrentHashMap.newKeySet();
  private volatile BrokerEventHandler handler;

  /** A broker whose shards are connected later ({@link #attach}); their callbacks wait till then. */
  RedisBroker(RedisKeys keys) {
    this.keys = keys;
  }

  /** The connected shards; once, before {@link #start}. */
  void attach(RedisShards shards, RedisStreams streams) {
    this.streams = streams;
    this.shards = shards;
  }

  /** The pub/sub listener of every shard. */
  RedisPubSubAdapter<String, byte[]> listener() {
    return new RedisPubSubAdapter<>() {
      @Override
      public void message(String name, byte[] message) {
        received(name, message);
      }

      @Override
      public void subscribed(String name, long count) {
        confirmed.add(name);
        resubscribed(name);
      }

      @Override
      public void unsubscribed(String name, long count) {
        confirmed.remove(name);
      }
    };
  }

  /**
   * A connection of {@code shard} is up again. Lettuce subscribes again what Redis had confirmed;
   * a channel whose subscribe failed while Redis was away is subscribed here, once the connection
   * has settled; at most one such pass per shard is pending.
   */
  void connected(String shard) {
    RedisShards all = shards;
    if (all == null) {
      return;
    }
    if (!resubscribing.add(shard)) {
      return;
    }
    CompletableFuture.delayedExecutor(SETTLE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
      resubscribing.remove(shard);
      if (handler == null) {
        return;
      }
      try {
        for (String channel : wanted) {
          String name = keys.pubSub(channel);
          RedisShard holder = all.of(channel);
          if (holder.name().equals(shard) && !confirmed.contains(name)) {
            // Failed while the connection is up: try again; while down: the next connect will.
            holder.pubSub().async().subscribe(name).exceptionally(e -> {
              if (holder.health().up() && wanted.contains(channel)) {
                connected(shard);
              }
              return null;
            });
          }
        }
      } catch (RuntimeException e) {
        log.warn("redis {}: subscribing again after a reconnect failed: {}", shard, e.toString());
      }
    });
  }

  /** A connection of shard {@code shard} was lost: every wanted channel on it needs a check. */
  void disconnected(String shard) {
    RedisShards all = shards;
    if (all == null) {
      return;
    }
    for (String channel : wanted) {
      if (all.of(channel).name().equals(shard)) {
        toCheck.add(channel);
      }
    }
  }

  @Override
  public void start(BrokerEventHandler handler) {
    this.handler = handler;
  }

  @Override
  public CompletionStage<StreamPosition> publish(
      String channel, Publication publication, PublishOptions options) {
    if (!options.history().keeps() && options.idempotencyKey() == null) {
      return shards.of(channel).commands()
          .publish(keys.pubSub(channel), RedisPayloads.unstoredMessage(publication))
          .thenApply(n -> StreamPosition.NONE);
    }
    return streams.append(channel, publication, options, true)
        .thenApply(RedisHistoryStore.Appended::position);
  }

  @Override
  public CompletionStage<Void> publishJoin(String channel, ClientInfo info) {
    return shards.of(channel).commands()
        .publish(keys.pubSub(channel), RedisPayloads.presenceMessage(RedisPayloads.JOIN, info))
        .thenApply(n -> null);
  }

  @Override
  public CompletionStage<Void> publishLeave(String channel, ClientInfo info) {
    return shards.of(channel).commands()
        .publish(keys.pubSub(channel), RedisPayloads.presenceMessage(RedisPayloads.LEAVE, info))
        .thenApply(n -> null);
  }

  @Override
  public CompletionStage<Void> publishControl(ControlMessage message) {
    return shards.control().commands()
        .publish(keys.control(), ControlCodec.encode(message))
        .thenApply(n -> null);
  }

  @Override
  public CompletionStage<Void> subscribe(String channel) {
    wanted.add(channel);
    return shards.of(channel).pubSub().async().subscribe(keys.pubSub(channel))
        .thenApply(v -> null);
  }

  @Override
  public CompletionStage<Void> unsubscribe(String channel) {
    wanted.remove(channel);
    toCheck.remove(channel);
    return shards.of(channel).pubSub().async().unsubscribe(keys.pubSub(channel))
        .thenApply(v -> null);
  }

  private void received(String name, byte[] message) {
    BrokerEventHandler h = handler;
    if (h == null) {
      return;
    }
    try {
      if (name.equals(keys.control())) {
        ControlCodec.decode(message).ifPresent(h::onControl);
        return;
      }
      String channel = keys.channelOf(name);
      if (channel == null || message.length == 0) {
        return;
      }
      switch (message[0]) {
        case RedisPayloads.PUBLICATION ->
            h.onPublication(channel, RedisPayloads.parsePublication(message));
        case RedisPayloads.JOIN -> h.onJoin(channel, RedisPayloads.info(message, 1));
        case RedisPayloads.LEAVE -> h.onLeave(channel, RedisPayloads.info(message, 1));
        default -> log.warn("redis: skipped a message of unknown kind on {}", name);
      }
    } catch (RuntimeException e) {
      log.warn("redis: skipped a message on {} that cannot be decoded: {}", name, e.toString());
    }
  }

  /** A subscription was confirmed: after a lost connection, check the channel's position. */
  private void resubscribed(String name) {
    String channel = keys.channelOf(name);
    BrokerEventHandler h = handler;
    if (channel == null || h == null || !toCheck.remove(channel)) {
      return;
    }
    if (!wanted.contains(channel)) {
      return;
    }
    streams.position(channel).whenComplete((position, error) -> {
      if (error != null) {
        log.warn("redis: position of {} unknown after a reconnect; its subscribers recover",
            channel);
        h.onPositionCheck(channel, StreamPosition.NONE);
      } else {
        h.onPositionCheck(channel, position);
      }
    });
  }

  @Override
  public Health health() {
    return shards.health();
  }

  @Override
  public void close() {
    handler = null;
  }
}
