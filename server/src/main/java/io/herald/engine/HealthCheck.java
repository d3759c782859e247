package io.herald.engine;

/**
 * An optional capability of engines ({@link Broker} and the stores): reports whether the service
 * behind it is reachable, so the node can answer {@code GET /ready} with 503 while it is not. An
 * engine without this capability (the memory engine) is always healthy.
 *
 * <p>Contract: {@link #health} returns the engine's latest known state without doing I/O (it is
 * called on HTTP event loops for every probe); the engine keeps that state current from its own
 * connection events or background checks. Thread-safe.
 */
public interface HealthCheck {

  /** The engine's latest known state; never blocks. */
  Health health();

  /** The health of {@code engine}: its own report, or {@link Health#UP} without the capability. */
  static Health of(Object engine) {
    return engine instanceof HealthCheck check ? check.health() : Health.UP;
  }
}
