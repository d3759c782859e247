package io.herald.engine;

/**
 * What a node reports about itself: in API {@code info}, and to the other nodes of its cluster
 * every few seconds ({@link ControlMessage.NodeAlive}).
 *
 * @param uid unique id of this node process
 * @param name node name (host name unless configured)
 * @param version Herald version
 * @param numClients open client connections that completed connect
 * @param numUsers distinct users among them (anonymous counts as one)
 * @param numChannels channels with at least one subscriber on this node
 * @param uptimeSeconds seconds since the node started
 */
public record NodeInfo(
    String uid,
    String name,
    String version,
    int numClients,
    int numUsers,
    int numChannels,
    long uptimeSeconds) {}
