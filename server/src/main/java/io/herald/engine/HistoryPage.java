package io.herald.engine;

import java.util.List;

/**
 * The answer to a {@link HistoryQuery}.
 *
 * @param publications matching publications in the order asked, each with its offset
 * @param position the stream's position when it was read
 */
public record HistoryPage(List<Publication> publications, StreamPosition position) {

  public HistoryPage {
    publications = List.copyOf(publications);
  }
}
