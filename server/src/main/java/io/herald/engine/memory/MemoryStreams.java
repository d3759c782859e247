package io.herald.engine.memory;

import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryPage;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Every channel stream of the memory engine. A stream is created on first use with a fresh random
 * epoch and dropped once its meta TTL passed; a later use starts a new epoch. Thread-safe: each
 * stream is guarded by its own monitor, so channels never contend with each other.
 */
final class MemoryStreams {

  private final ConcurrentHashMap<String, ChannelStream> streams = new ConcurrentHashMap<>();
  private final Clock clock;

  MemoryStreams(Clock clock) {
    this.clock = clock;
  }

  /**
   * Appends to {@code channel}'s stream and hands the stored publication to {@code deliver} while
   * the stream is still locked, so deliveries of one channel happen in offset order.
   *
   * @return the stream's position after the append
   */
  StreamPosition append(
      String channel, Publication publication, HistoryOptions options,
      Consumer<Publication> deliver) {
    return locked(channel, options, (stream, now) -> {
      Publication stored = stream.append(publication, options, now);
      deliver.accept(stored);
      return stream.position();
    });
  }

  /** Reads {@code channel}'s stream, creating its meta when there is none. */
  HistoryPage read(String channel, HistoryQuery query) {
    return locked(channel, query.options(), (stream, now) -> {
      stream.touch(query.options(), now);
      return stream.read(query, now);
    });
  }

  private interface StreamAction<T> {
    T apply(ChannelStream stream, long nowMillis);
  }

  /** Runs {@code action} on {@code channel}'s live stream under its monitor. */
  private <T> T locked(String channel, HistoryOptions options, StreamAction<T> action) {
    while (true) {
      long now = clock.millis();
      ChannelStream stream = streams.get(channel);
      boolean checked = false;
      if (stream == null || stream.metaExpired(now)) {
        stream = live(channel, options, now);
        checked = true;
      }
      synchronized (stream) {
        if (!stream.dead && (checked || !stream.metaExpired(now))) {
          return action.apply(stream, now);
        }
      }
    }
  }

  /** The position of {@code channel}'s live stream; {@link StreamPosition#NONE} when none. */
  StreamPosition position(String channel) {
    ChannelStream stream = streams.get(channel);
    if (stream == null) {
      return StreamPosition.NONE;
    }
    synchronized (stream) {
      return stream.dead || stream.metaExpired(clock.millis())
          ? StreamPosition.NONE : stream.position();
    }
  }

  /** Drops the publications of {@code channel}, keeping its epoch and top offset. */
  void clear(String channel) {
    ChannelStream stream = streams.get(channel);
    if (stream != null) {
      synchronized (stream) {
        stream.clear();
      }
    }
  }

  /** Streams held, expired ones not swept yet included. */
  int size() {
    return streams.size();
  }

  /** Drops streams whose meta expired and publications whose TTL passed. */
  void sweep() {
    long now = clock.millis();
    for (String channel : streams.keySet()) {
      streams.computeIfPresent(channel, (name, stream) -> {
        synchronized (stream) {
          if (stream.metaExpired(now)) {
            stream.dead = true;
            return null;
          }
          stream.trimExpired(now);
          return stream;
        }
      });
    }
  }

  private ChannelStream live(String channel, HistoryOptions options, long now) {
    return streams.compute(channel, (name, stream) -> {
      if (stream != null) {
        synchronized (stream) {
          if (!stream.metaExpired(now)) {
            return stream;
          }
          stream.dead = true;
        }
      }
      return new ChannelStream(newEpoch(), now + options.metaTtl().toMillis());
    });
  }

  private static String newEpoch() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
