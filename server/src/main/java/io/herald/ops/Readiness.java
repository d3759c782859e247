package io.herald.ops;

import io.herald.engine.Health;
import io.herald.engine.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether this node should get traffic, for {@code GET /ready}: not while it drains for a
 * shutdown, nor while an engine it needs reports itself unreachable ({@link HealthCheck}).
 * Liveness ({@code GET /health}) is separate: a node that answers HTTP is alive. Thread-safe.
 */
public final class Readiness {

  /**
   * The answer to a readiness probe.
   *
   * @param ready true when the node should get traffic
   * @param reason why not, for operators ({@code "draining"}, {@code "broker: ..."}, with the
   *     engine's own detail, which may name internal hosts); empty when ready
   */
  public record Status(boolean ready, String reason) {

    /**
     * The reason without the engine's detail, safe to show on the public port: {@code
     * "draining"}, {@code "broker unavailable"}; empty when ready.
     */
    public String publicReason() {
      int colon = reason.indexOf(':');
      return colon < 0 ? reason : reason.substring(0, colon) + " unavailable";
    }
  }

  private final Map<String, Object> engines = new LinkedHashMap<>();
  private volatile boolean draining;

  /**
   * @param engines the engines the node needs, by name ({@code broker}, {@code history}, ...);
   *     those that are not a {@link HealthCheck} count as always healthy
   */
  public Readiness(Map<String, ?> engines) {
    this.engines.putAll(engines);
  }

  /** From now on the node is not ready: it is shutting down. Irreversible. */
  public void drain() {
    draining = true;
  }

  /** True once {@link #drain} was called. */
  public boolean draining() {
    return draining;
  }

  /** The current answer; asks every engine for its latest known health, without I/O. */
  public Status status() {
    if (draining) {
      return new Status(false, "draining");
    }
    for (Map.Entry<String, Object> e : engines.entrySet()) {
      Health h = HealthCheck.of(e.getValue());
      if (!h.up()) {
        return new Status(false, e.getKey() + ": " + h.detail());
      }
    }
    return new Status(true, "");
  }

  /** Shorthand for {@code status().ready()}. */
  public boolean ready() {
    return status().ready();
  }
}
