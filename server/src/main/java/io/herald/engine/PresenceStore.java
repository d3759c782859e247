package io.herald.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Who is subscribed to a channel, across every node.
 *
 * <p>Contract: no method blocks the calling thread; an entry lives for the {@code ttl} it was added
 * with and is kept alive by adding it again (nodes refresh their connections' entries well within
 * the TTL), so the entries of a node that died vanish within one TTL.
 */
public interface PresenceStore {

  /** Adds or refreshes {@code info.client()} in {@code channel} for {@code ttl}. */
  CompletionStage<Void> add(String channel, ClientInfo info, Duration ttl);

  /** Removes {@code client} from {@code channel}; idempotent. */
  CompletionStage<Void> remove(String channel, String client);

  /** The live entries of {@code channel}, by client id. */
  CompletionStage<Map<String, ClientInfo>> presence(String channel);

  /** Counts of the live entries of {@code channel}. */
  CompletionStage<PresenceStats> stats(String channel);
}
