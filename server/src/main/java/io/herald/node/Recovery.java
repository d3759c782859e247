package io.herald.node;

import io.herald.engine.HistoryPage;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.Result;
import java.util.List;

/**
 * Decides whether a client that asked to recover from {@code (offset, epoch)} gets everything it
 * missed. This is Herald's delivery guarantee: {@code recovered: true} only with every publication
 * after the client's offset up to the top, in order, without gap or repeat; otherwise {@code
 * recovered: false} and no publications at all, so the client reloads its state.
 */
final class Recovery {

  private Recovery() {}

  /**
   * The subscribe result for a recovery from {@code since}.
   *
   * @param page history read after {@code since}, at most {@code limit + 1} publications
   * @param limit most publications a recovery may return
   */
  static Result.Subscribe result(StreamPosition since, HistoryPage page, int limit) {
    StreamPosition top = page.position();
    List<Publication> pubs = page.publications();
    long missed = top.offset() - since.offset();
    boolean recovered =
        top.epoch().equals(since.epoch())
            && missed >= 0
            && missed <= limit
            && pubs.size() == missed
            && (missed == 0 || isRun(pubs, since.offset() + 1));
    return new Result.Subscribe(true, top, true, recovered, recovered ? pubs : List.of());
  }

  /** True when {@code pubs} have the offsets first, first + 1, ... */
  private static boolean isRun(List<Publication> pubs, long first) {
    for (int i = 0; i < pubs.size(); i++) {
      if (pubs.get(i).offset() != first + i) {
        return false;
      }
    }
    return true;
  }
}
