package io.herald.client;

import java.util.List;

/** What the client's calls complete with; all immutable. */
public final class Results {

  private Results() {}

  /**
   * A publish went through.
   *
   * @param position the publication's position, or null when the channel keeps no history
   */
  public record Publish(StreamPosition position) {}

  /**
   * A page of a channel's history.
   *
   * @param publications oldest first (newest first when asked with {@code reverse})
   * @param position the channel's current top position
   */
  public record History(List<Publication> publications, StreamPosition position) {}

  /**
   * Counts of a channel's presence.
   *
   * @param numClients connections subscribed
   * @param numUsers distinct users among them
   */
  public record PresenceStats(long numClients, long numUsers) {}

  /**
   * The end of an rpc.
   *
   * @param data the single answer of a non-streaming rpc, else null
   * @param chunks how many chunks a streaming rpc sent (each went to the chunk handler first)
   */
  public record Rpc(Object data, long chunks) {}
}
