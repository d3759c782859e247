package io.herald.auth;

import io.herald.util.Completions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of a JSON Web Key Set by {@code kid}, fetched by a {@link JwksFetcher} and cached.
 *
 * <p>Rules, all on the injected clock:
 *
 * <ul>
 *   <li>A fetched set is fresh for the cache TTL from the end of the fetch; a lookup after that
 *       fetches again.
 *   <li>A {@code kid} missing from a fresh set triggers a refetch (key rotation) at most once per
 *       {@link #MIN_REFETCH_INTERVAL}, so a flood of tokens with made-up key ids costs at most one
 *       request per interval.
 *   <li>Concurrent lookups share one in-flight fetch.
 *   <li>A failed fetch is logged at warn once, without a stack trace, and starts a back-off of
 *       {@link #RETRY_INTERVAL}: no fetch is made during it, so an outage of the key server costs
 *       at most one request (and one log line) per interval, however many tokens arrive.
 *   <li>While the set cannot be fetched, the last set fetched keeps answering for the keys it has
 *       until {@code maxStale} after it stopped being fresh. A lookup that only such a set could
 *       answer, and it cannot, fails (the caller reports the keys as unavailable).
 * </ul>
 *
 * <p>Thread-safe. {@link #find} never blocks: a cached answer completes inline, a fetched one on
 * the fetcher's threads.
 */
final class JwksKeyCache implements AutoCloseable {

  /** Default bound on one fetch. */
  static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

  /** Least time between two fetches triggered by an unknown {@code kid}. */
  static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);

  /** Least time after a failed fetch before the next one. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(JwksKeyCache.class);

  /** Why a lookup found no keys: the set could not be fetched (or the cache is closed). */
  static final class KeysUnavailable extends RuntimeException {
    KeysUnavailable(String message) {
      super(message, null, false, false);
    }
  }

  private record Snapshot(Map<String, JwksKey> keys, Instant fetchedAt) {}

  private final JwksFetcher fetcher;
  private final Duration ttl;
  private final Duration maxStale;
  private final Clock clock;

  private volatile Snapshot snapshot;
  private CompletableFuture<Snapshot> inFlight; // guarded by this
  private Instant lastFetchStart; // guarded by this
  private Instant retryAt; // guarded by this; set after a failed fetch
  private boolean closed; // guarded by this

  JwksKeyCache(JwksFetcher fetcher, Duration ttl, Duration maxStale, Clock clock) {
    this.fetcher = fetcher;
    this.ttl = ttl;
    this.maxStale = maxStale == null || maxStale.isNegative() ? Duration.ZERO : maxStale;
    this.clock = clock;
  }

  /**
   * Looks up a key by id.
   *
   * @return a stage completing with the key, with null when the set has no such usable key, or
   *     exceptionally (with a {@link KeysUnavailable} or the fetch's failure) when the set could
   *     not be fetched and no kept set that is still usable has the key
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
    return fetch.handle((set, error) -> {
      if (set != null) {
        return set.keys().get(kid);
      }
      JwksKey kept = stale(kid);
      if (kept != null) {
        return kept;
      }
      throw Completions.wrap(error);
    });
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
      pending.completeExceptionally(new KeysUnavailable("closed"));
    }
    fetcher.close();
  }

  /** The key from the last fetched set while it is within {@code maxStale}; else null. */
  private JwksKey stale(String kid) {
    Snapshot kept = snapshot;
    if (kept == null || maxStale.isZero()) {
      return null;
    }
    boolean usable = clock.instant().isBefore(kept.fetchedAt().plus(ttl).plus(maxStale));
    return usable ? kept.keys().get(kid) : null;
  }

  /**
   * Joins or starts a fetch. Null when {@code fresh} (the set is fresh, the key is unknown) and
   * a fetch started too recently or the key server is backing off; a failed stage when the set
   * is not fresh and the key server is backing off.
   */
  private synchronized CompletableFuture<Snapshot> fetch(Instant now, boolean fresh) {
    if (inFlight != null) {
      return inFlight;
    }
    if (closed) {
      return CompletableFuture.failedFuture(new KeysUnavailable("closed"));
    }
    boolean backingOff = retryAt != null && now.isBefore(retryAt);
    if (fresh && (backingOff || (lastFetchStart != null
        && now.isBefore(lastFetchStart.plus(MIN_REFETCH_INTERVAL))))) {
      return null;
    }
    if (backingOff) {
      return CompletableFuture.failedFuture(new KeysUnavailable("backing off"));
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
      Throwable cause = Completions.cause(error);
      String why = cause instanceof TimeoutException
          ? "no response within " + fetcher.timeout() : cause.toString();
      log.warn("Could not fetch the JWKS at {}: {}; next try in {} s", fetcher.safeUri(), why,
          RETRY_INTERVAL.toSeconds());
    }
    synchronized (this) {
      // At most one fetch is in flight, so the slot holds this one (or is not set yet).
      inFlight = null;
      retryAt = set != null ? null : clock.instant().plus(RETRY_INTERVAL);
    }
  }
}
