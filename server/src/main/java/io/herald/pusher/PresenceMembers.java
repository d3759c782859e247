package io.herald.pusher;

import io.herald.engine.ClientInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The members of one presence channel as one connection sees them: users and the connections
 * each has in the channel, so that {@code member_added} is sent when a user's first connection
 * joins and {@code member_removed} when its last one leaves (not once per connection). Used on
 * the connection's loop only.
 */
final class PresenceMembers {

  private final Map<String, Set<String>> clientsByUser = new HashMap<>();
  private final Map<String, byte[]> infoByUser = new LinkedHashMap<>();

  /** The members of a presence snapshot. */
  PresenceMembers(Iterable<ClientInfo> present) {
    for (ClientInfo info : present) {
      join(info);
    }
  }

  /** Adds {@code info}'s connection; true when it is its user's first one here. */
  boolean join(ClientInfo info) {
    Set<String> clients = clientsByUser.computeIfAbsent(info.user(), u -> new LinkedHashSet<>());
    boolean first = clients.isEmpty();
    clients.add(info.client());
    if (first) {
      infoByUser.put(info.user(), info.chanInfo());
    }
    return first;
  }

  /** Removes {@code info}'s connection; true when it was its user's last one here. */
  boolean leave(ClientInfo info) {
    Set<String> clients = clientsByUser.get(info.user());
    if (clients == null || !clients.remove(info.client())) {
      return false;
    }
    if (clients.isEmpty()) {
      clientsByUser.remove(info.user());
      infoByUser.remove(info.user());
      return true;
    }
    return false;
  }

  /** User id to raw {@code user_info}, one entry per user. */
  Map<String, byte[]> byUser() {
    return infoByUser;
  }
}
