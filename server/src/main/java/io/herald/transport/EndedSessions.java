package io.herald.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of fallback sessions that ended on any node of the cluster, as far as this node heard:
 * an emulation POST naming one is answered 404 here, without a message to the cluster. At most
 * {@code capacity} ids (the {@code fallback.maxEndedSessions} setting), the oldest forgotten
 * first; an id takes about 100 bytes. Thread-safe.
 */
final class EndedSessions {

  private final int capacity;
  private final Map<String, Boolean> ids;

  EndedSessions(int capacity) {
    this.capacity = capacity;
    this.ids = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > EndedSessions.this.capacity;
      }
    };
  }

  /** Remembers {@code id}; true when it was not remembered yet. */
  synchronized boolean add(String id) {
    return ids.putIfAbsent(id, Boolean.TRUE) == null;
  }

  synchronized boolean contains(String id) {
    return ids.containsKey(id);
  }

  /** Ids remembered. */
  synchronized int size() {
    return ids.size();
  }
}
