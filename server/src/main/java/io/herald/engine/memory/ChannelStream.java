package io.herald.engine.memory;

import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryPage;
import io.herald.engine.HistoryQuery;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One channel's stream in memory: its epoch, top offset and the publications still kept. Guarded
 * by its own monitor; a stream marked {@link #dead} was dropped from {@link MemoryStreams} and
 * must not be written again.
 */
final class ChannelStream {

  private record Entry(Publication publication, long expiresAtMillis) {}

  final String epoch;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long top;
  private long metaExpiresAtMillis;
  boolean dead;

  ChannelStream(String epoch, long metaExpiresAtMillis) {
    this.epoch = epoch;
    this.metaExpiresAtMillis = metaExpiresAtMillis;
  }

  /** Appends {@code publication} with the next offset; returns it as stored. Hold the monitor. */
  Publication append(Publication publication, HistoryOptions options, long nowMillis) {
    Publication stored = publication.at(++top, epoch);
    entries.addLast(new Entry(stored, nowMillis + options.ttl().toMillis()));
    while (entries.size() > options.size()) {
      entries.removeFirst();
    }
    touch(options, nowMillis);
    return stored;
  }

  void touch(HistoryOptions options, long nowMillis) {
    metaExpiresAtMillis = Math.max(metaExpiresAtMillis, nowMillis + options.metaTtl().toMillis());
  }

  StreamPosition position() {
    return new StreamPosition(top, epoch);
  }

  boolean metaExpired(long nowMillis) {
    return nowMillis >= metaExpiresAtMillis;
  }

  /** Drops publications whose TTL passed. Hold the monitor. */
  void trimExpired(long nowMillis) {
    while (!entries.isEmpty() && entries.peekFirst().expiresAtMillis() <= nowMillis) {
      entries.removeFirst();
    }
  }

  void clear() {
    entries.clear();
  }

  /** Answers {@code query}. Hold the monitor. */
  HistoryPage read(HistoryQuery query, long nowMillis) {
    trimExpired(nowMillis);
    StreamPosition position = position();
    StreamPosition since = query.since();
    if (query.limit() == 0 || (since != null && !since.epoch().equals(epoch))) {
      return new HistoryPage(List.of(), position);
    }
    int limit = query.limit() < 0 ? Integer.MAX_VALUE : query.limit();
    List<Publication> out = new ArrayList<>(Math.min(limit, entries.size()));
    Iterator<Entry> it = query.reverse() ? entries.descendingIterator() : entries.iterator();
    while (it.hasNext() && out.size() < limit) {
      Publication p = it.next().publication();
      if (since == null
          || (query.reverse() ? p.offset() < since.offset() : p.offset() > since.offset())) {
        out.add(p);
      }
    }
    return new HistoryPage(out, position);
  }
}
