package io.herald.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests in flight on a client, by id: each has a timer that fails it with TIMEOUT when no
 * answer came within the client's timeout. Not thread-safe: used on the client's event loop.
 */
final class RequestTable {

  private final Map<Long, PendingRequest> pending = new HashMap<>();
  private final EventLoop loop;
  private final long timeoutMillis;
  private long nextId = 1;

  RequestTable(EventLoop loop, long timeoutMillis) {
    this.loop = loop;
    this.timeoutMillis = timeoutMillis;
  }

  /** Registers {@code p} under a new id and starts its timer; returns the id. */
  long add(PendingRequest p) {
    long id = nextId++;
    pending.put(id, p);
    arm(id, p);
    return id;
  }

  /** The request {@code id}, still in flight, or null. */
  PendingRequest get(long id) {
    return pending.get(id);
  }

  /** Removes the request {@code id} and stops its timer; null when it is not in flight. */
  PendingRequest take(long id) {
    PendingRequest p = pending.remove(id);
    if (p != null) {
      EventLoop.cancel(p.timer);
    }
    return p;
  }

  /** Restarts the timer of request {@code id} (a stream chunk arrived: it is alive). */
  void touch(long id) {
    PendingRequest p = pending.get(id);
    if (p != null) {
      EventLoop.cancel(p.timer);
      arm(id, p);
    }
  }

  /** Removes every request, oldest first, with their timers stopped. */
  List<PendingRequest> takeAll() {
    List<Long> ids = new ArrayList<>(pending.keySet());
    ids.sort(null);
    List<PendingRequest> all = new ArrayList<>();
    for (long id : ids) {
      all.add(take(id));
    }
    return all;
  }

  private void arm(long id, PendingRequest p) {
    p.timer = loop.schedule(timeoutMillis, () -> {
      if (pending.remove(id, p)) {
        p.reject().accept(new HeraldException(HeraldException.TIMEOUT,
            p.method() + ": no answer within " + timeoutMillis + " ms"));
      }
    });
  }
}
