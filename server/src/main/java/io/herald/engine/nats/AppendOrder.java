package io.herald.engine.nats;

import io.herald.engine.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Sends a node's publications of one channel to NATS in offset order although their appends
 * complete in any order on any thread (a history store's replies may complete on the caller's
 * thread or after a retry). Each append takes a ticket when it is issued; a stored publication is
 * sent once every append issued before it has finished, together with whatever else became
 * sendable, sorted by offset. Appends are still pipelined: nothing waits for a round trip before
 * issuing the next. Thread-safe; a channel's state exists only while it has appends in flight.
 */
final class AppendOrder {

  private record Done(long ticket, Publication publication, CompletableFuture<Void> sent) {}

  private static final class Pending {
    long nextTicket;
    final TreeSet<Long> inFlight = new TreeSet<>();
    final TreeMap<Long, Done> done = new TreeMap<>();
  }

  private final ConcurrentHashMap<String, Pending> channels = new ConcurrentHashMap<>();
  private final BiFunction<String, Publication, RuntimeException> send;

  /**
   * @param send hands one publication of a channel to NATS; returns why it was refused, or null.
   *     Called under the channel's lock, so it must not block.
   */
  AppendOrder(BiFunction<String, Publication, RuntimeException> send) {
    this.send = send;
  }

  /** A ticket for an append of {@code channel} about to be issued. */
  long begin(String channel) {
    long[] ticket = new long[1];
    channels.compute(channel, (c, p) -> {
      Pending out = p == null ? new Pending() : p;
      ticket[0] = out.nextTicket++;
      out.inFlight.add(ticket[0]);
      return out;
    });
    return ticket[0];
  }

  /**
   * The append with {@code ticket} finished.
   *
   * @param stored the publication as stored, or null when nothing is to be sent (a repeated
   *     idempotency key, a failed append)
   * @return completes when {@code stored} was handed to NATS (at once when null), exceptionally
   *     when NATS refused it
   */
  CompletableFuture<Void> finish(String channel, long ticket, Publication stored) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    List<Runnable> outcomes = new ArrayList<>();
    channels.compute(channel, (c, p) -> {
      p.inFlight.remove(ticket);
      if (stored != null) {
        p.done.put(stored.offset(), new Done(ticket, stored, sent));
      }
      long oldestInFlight = p.inFlight.isEmpty() ? Long.MAX_VALUE : p.inFlight.first();
      var it = p.done.values().iterator();
      while (it.hasNext()) {
        Done d = it.next();
        if (d.ticket() < oldestInFlight) {
          it.remove();
          RuntimeException refused = send.apply(channel, d.publication());
          outcomes.add(refused == null
              ? () -> d.sent().complete(null)
              : () -> d.sent().completeExceptionally(refused));
        }
      }
      return p.inFlight.isEmpty() && p.done.isEmpty() ? null : p;
    });
    // Completed outside the map's lock: what depends on them may publish again.
    outcomes.forEach(Runnable::run);
    if (stored == null) {
      sent.complete(null);
    }
    return sent;
  }
}
