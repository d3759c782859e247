package io.herald.engine;

/**
 * Who published or who is present: attached to client publications and presence entries.
 *
 * @param user user id, {@code ""} for anonymous
 * @param client client (connection) id
 * @param connInfo raw JSON of the connection token's {@code info} claim, or null
 * @param chanInfo raw JSON of the subscription token's {@code info} claim, or null
 */
public record ClientInfo(String user, String client, byte[] connInfo, byte[] chanInfo) {}
