/**
 * SPI: the engine seams for scale-out, interfaces and value types only. {@link
 * io.herald.engine.Broker} (publish, join/leave, control messages, the atomic history append),
 * {@link io.herald.engine.HistoryStore}, {@link io.herald.engine.PresenceStore}, the node's
 * narrow callback {@link io.herald.engine.BrokerEventHandler}, and their values ({@link
 * io.herald.engine.Publication}, {@link io.herald.engine.StreamPosition}, ...). Contracts are in
 * each interface's javadoc; one conformance suite per SPI runs against every implementation.
 *
 * <p>Depends on nothing of Herald and on no library. Implementations live in the subpackages and
 * never downcast one another.
 */
package io.herald.engine;
