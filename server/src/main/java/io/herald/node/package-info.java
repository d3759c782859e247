/**
 * The core: {@link io.herald.node.Node}, the server-facing facade, and behind it the channel
 * state ({@code Channels}: hub, fan-out, broker events, subscribe and leave), the session registry,
 * sessions ({@link io.herald.node.ClientSession}) and their command handlers, which see the node
 * only through a narrow {@code SessionContext}. Reports to {@link io.herald.node.NodeEvents}
 * listeners.
 *
 * <p>May depend on {@code node.protocol}, {@code node.proxy}, the {@code engine} SPI, {@code
 * auth} and {@code config}. Never on Netty, Jackson, {@code transport} or a protocol adapter
 * (ArchUnit rules in the test suite keep it so).
 */
package io.herald.node;
