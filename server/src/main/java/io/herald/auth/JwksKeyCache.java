package io.herald.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of a JSON Web Key Set by {@code kid}, fetched by a {@link JwksFetcher} and cached.
 *
 * <p>Rules: keys are kept for the cache TTL, measured on the injected clock from the end of the
 * fetch; a lookup after that fetches again. A {@code kid} missing from a fresh set triggers a
 * refetch (key rotation) at most once per {@link #MIN_REFETCH_INTERVAL}, so a flood of tokens with
 * made-up key ids costs at most one request per interval. Concurrent lookups share one in-flight
 * fetch. A failed fetch is logged at warn once and fails the lookups waiting on it; the next
 * lookup that needs keys tries again.
 *
 * <p>Thread-safe. {@link #find} never blocks: a cached answer completes inline, a fetched one on
 * the fetcher's threads.
 */
final class JwksKeyCache implements AutoCloseable {

  /** Default bound on one fetch. */
  static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

  /** Least time between two fetches triggered by an unknown {@code kid}. */
  static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(JwksKeyCache.class);

  private record Snapshot(Map<String, JwksKey> keys, Instant fetchedAt) {}

  private final JwksFetcher fetcher;
  private final Duration ttl;
  private final Clock clock;

  private volatile Snapshot snapshot;
  private CompletableFuture<Snapshot> inFlight; // guarded by this
  private Instant lastFetchStart; // guarded by this
  private boolean closed; // guarded by this

  JwksKeyCache(JwksFetcher fetcher, Duration ttl, Clock clock) {
    this.fetcher = fetcher;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Looks up a key by id.
   *
   * @return a stage completing with the key, with null when the set has no such usable key, or
   *     exceptionally when the set could not be fetched
   */
  CompletableFuture<JwksKey> find(String kid) {
    Instant now = clock.instant();
    Snapshot current = snapshot;
    boolean fresh = current != null && now.isBefore(current.fetchedAt().plus(ttl));
    if (fresh && current.keys().containsKey(kid)) {
      return CompletableFuture.completedFuture(current.keys().get(kid));
    }
    CompletableFuture<Snapshot> fetch = fetch(now, fresh);
    if (fetch == null) {
      return CompletableFuture.completedFuture(null);
    }
    return fetch.thenApply(set -> set.keys().get(kid));
  }

  /**
   * Stops fetching. A fetch in flight fails now (its continuation could no longer run on the
   * stopped threads); later lookups that need a fetch fail at once. Idempotent.
   */
  @Override
  public void close() {
    CompletableFuture<Snapshot> pending;
    synchronized (this) {
      closed = true;
      pending = inFlight;
      inFlight = null;
    }
    if (pending != null) {
      pending.completeExceptionally(new IllegalStateException("closed"));
    }
    fetcher.close();
  }

  /** Joins or starts a fetch; null when {@code rateLimited} and a fetch started too recently. */
  private synchronized CompletableFuture<Snapshot> fetch(Instant now, boolean rateLimited) {
    if (inFlight != null) {
      return inFlight;
    }
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    if (rateLimited && lastFetchStart != null
        && now.isBefore(lastFetchStart.plus(MIN_REFETCH_INTERVAL))) {
      return null;
    }
    lastFetchStart = now;
    // Lookups wait on the stage after finished(), so the snapshot is stored and the in-flight slot
    // cleared before any of them continues.
    CompletableFuture<Snapshot> fetch = fetcher.fetch()
        .thenApply(keys -> new Snapshot(keys, clock.instant()))
        .whenComplete(this::finished);
    if (!fetch.isDone()) {
      inFlight = fetch;
    }
    return fetch;
  }

  private void finished(Snapshot set, Throwable error) {
    if (set != null) {
      snapshot = set;
    } else {
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (cause instanceof TimeoutException) {
        log.warn("Could not fetch the JWKS at {}: no response within {}",
            fetcher.uri(), fetcher.timeout());
      } else {
        log.warn("Could not fetch the JWKS at {}: {}", fetcher.uri(), cause.toString(), cause);
      }
    }
    synchronized (this) {
      // At most one fetch is in flight, so the slot holds this one (or is not set yet).
      inFlight = null;
    }
  }
}
