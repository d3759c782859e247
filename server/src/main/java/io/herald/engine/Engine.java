package io.herald.engine;

/**
 * The engine parts a node runs on: one implementation of each SPI, plus what they share (threads,
 * connections). The parts may be one object (a Redis engine implements all three) or separate ones
 * (NATS pub/sub beside Redis history).
 *
 * @param broker cross-node pub/sub and history append
 * @param history history reads and removal
 * @param presence who is subscribed
 * @param shared what the parts share, closed after the broker; {@code () -> {}} when nothing
 */
public record Engine(
    Broker broker, HistoryStore history, PresenceStore presence, AutoCloseable shared)
    implements AutoCloseable {

  /** Closes the broker, then what the parts share. */
  @Override
  public void close() {
    broker.close();
    try {
      shared.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the engine failed", e);
    }
  }
}
