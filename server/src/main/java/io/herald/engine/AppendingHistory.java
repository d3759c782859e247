package io.herald.engine;

/**
 * Optional capability of a {@link HistoryStore}: it can also append without delivering, for a
 * broker that carries publications over another service (NATS delivery beside Redis history).
 * A broker gets the appender through this interface, never by knowing the store's class.
 */
public interface AppendingHistory {

  /** An appender writing to this store's streams; see {@link HistoryAppender} for the contract. */
  HistoryAppender appender();
}
