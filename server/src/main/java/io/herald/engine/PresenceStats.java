package io.herald.engine;

/**
 * Counts of who is present in a channel.
 *
 * @param numClients connections subscribed
 * @param numUsers distinct users among them (anonymous connections count as one user {@code ""})
 */
public record PresenceStats(int numClients, int numUsers) {}
