package io.herald.node.protocol;

import io.herald.engine.StreamPosition;

/**
 * {@code history}.
 *
 * @param channel channel to read
 * @param limit most publications returned; 0 returns only the position; -1 (absent) all kept
 * @param since read after this position (before it when {@code reverse}), or null
 * @param reverse newest first
 */
public record HistoryCommand(String channel, int limit, StreamPosition since, boolean reverse)
    implements Command {}
