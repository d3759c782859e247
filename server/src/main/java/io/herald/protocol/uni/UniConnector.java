package io.herald.protocol.uni;

import io.herald.engine.HistoryOptions;
import io.herald.engine.HistoryQuery;
import io.herald.engine.StreamPosition;
import io.herald.node.ClientSession;
import io.herald.node.Node;
import io.herald.node.protocol.ConnectCommand;
import io.herald.node.protocol.DecodedFrame;
import io.herald.node.protocol.Incoming;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.RpcException;
import io.herald.node.protocol.SubscribeCommand;
import io.herald.protocol.uni.Positions.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects a uni connection's session for a {@link UniRequest}: one {@code connect} whose {@code
 * subs} are the asked channels (and those the request has positions for), each resuming from its
 * position. A position without an epoch ({@code since=messages:142}) is taken in the channel's
 * current epoch: the adapter reads the channel's position first, resumes when the stream reaches
 * that far, and reports {@code recovered: false} when the offset is ahead of the stream (it was
 * lost and started again). Runs on the connection's loop; never blocks.
 */
final class UniConnector {

  private static final HistoryQuery POSITION_ONLY =
      new HistoryQuery(null, 0, false, HistoryOptions.NONE);

  private final Node node;

  UniConnector(Node node) {
    this.node = node;
  }

  void connect(UniConnection connection, UniRequest request) {
    connection.asked(request.channels());
    Map<String, SubscribeCommand> subs = new LinkedHashMap<>();
    Map<String, StreamPosition> current = new ConcurrentHashMap<>();
    List<CompletableFuture<?>> lookups = new ArrayList<>();
    for (String channel : request.allChannels()) {
      Position p = request.positions().get(channel);
      subs.put(channel, new SubscribeCommand(channel, null));
      if (p == null) {
        continue;
      }
      if (p.epoch() != null) {
        connection.resuming(channel, false);
        subs.put(channel, new SubscribeCommand(channel, null, true, p.offset(), p.epoch(), false));
        continue;
      }
      try {
        lookups.add(node.history(channel, POSITION_ONLY).toCompletableFuture()
            .thenAccept(h -> current.put(channel, h.position())));
      } catch (RpcException e) {
        if (e.error().code() != 108 && request.channels().contains(channel)) {
          connection.refuse(UniRefusal.forError(e.error().code(), channel + ": " + e.getMessage()));
          return;
        }
      }
    }
    CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).whenComplete(
        (done, failed) -> connection.loop().execute(() -> {
          for (Map.Entry<String, StreamPosition> e : current.entrySet()) {
            long offset = request.positions().get(e.getKey()).offset();
            StreamPosition now = e.getValue();
            if (now.isNone()) {
              continue;
            }
            boolean ahead = offset > now.offset();
            connection.resuming(e.getKey(), ahead);
            if (!ahead) {
              subs.put(e.getKey(), new SubscribeCommand(e.getKey(), null, true, offset,
                  now.epoch(), false));
            }
          }
          ClientSession session = connection.session();
          session.handle(DecodedFrame.single(new Incoming.Call(new RequestId("1"),
              new ConnectCommand(request.token(), "herald-uni", null, subs))));
        }));
  }
}
