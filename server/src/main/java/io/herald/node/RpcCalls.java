package io.herald.node;

import io.herald.node.protocol.RpcError;

import io.herald.node.protocol.CancelCommand;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcCommand;
import io.herald.node.proxy.RpcRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code rpc} calls a session has in progress, and {@code cancel}. An rpc does not hold back
 * the commands after it: it is answered on its own, when the backend's answer is complete (in a
 * batch, outside the batch's array). At most {@code proxy.maxStreams} calls per connection are in
 * progress (106 beyond); two in progress may not share a request id (107). Runs on the session's
 * loop.
 */
final class RpcCalls {

  /**
   * The stage a command returns when it answers on its own later; {@link FrameRun} adds nothing
   * to the frame's answers for it.
   */
  static final CompletableFuture<Result> ANSWERED_LATER =
      CompletableFuture.completedFuture(Result.Empty.INSTANCE);

  private static final CompletionStage<Result> EMPTY =
      CompletableFuture.completedFuture(Result.Empty.INSTANCE);

  private final SessionContext context;
  private final ClientSession session;
  /** Made on the first rpc: most connections never call one, and each would hold them idle. */
  private Map<RequestId, RpcStream> byId;

  private Set<RpcStream> inProgress;

  RpcCalls(SessionContext context, ClientSession session) {
    this.context = context;
    this.session = session;
  }

  /** Starts {@code command}; {@code id} is null for a notification. */
  CompletionStage<Result> start(RequestId id, RpcCommand command) {
    if (!context.config().proxy().rpc().enabled()) {
      throw RpcError.NOT_AVAILABLE
          .withMessage("not available: no rpc proxy is configured")
          .exception();
    }
    int limit = context.config().proxy().maxStreams();
    if (inProgress == null) {
      inProgress = new LinkedHashSet<>();
      byId = new HashMap<>();
    }
    if (inProgress.size() >= limit) {
      throw RpcError.LIMIT_EXCEEDED
          .withMessage("limit exceeded: at most " + limit + " rpc calls in progress")
          .exception();
    }
    if (id != null && byId.containsKey(id)) {
      throw RpcError.BAD_REQUEST
          .withMessage("bad request: an rpc with id " + id.json() + " is in progress")
          .exception();
    }
    RpcStream stream = new RpcStream(session, this, id, command.method(),
        context.config().proxy().rpc().timeout());
    inProgress.add(stream);
    if (id != null) {
      byId.put(id, stream);
    }
    RpcRequest request =
        new RpcRequest(session.caller(), command.method(), command.data(), session.connInfo());
    stream.started(context.proxy().rpc(request, session.loop(), stream));
    return ANSWERED_LATER;
  }

  /** {@code cancel}: stops the rpc with that id, if it is in progress. */
  CompletionStage<Result> cancel(CancelCommand command) {
    RpcStream stream = byId == null ? null : byId.get(command.id());
    if (stream != null) {
      stream.cancel();
    }
    return EMPTY;
  }

  /** Called by a stream when it answered (or was abandoned). */
  void finished(RpcStream stream) {
    if (inProgress == null) {
      return;
    }
    inProgress.remove(stream);
    if (stream.id() != null) {
      byId.remove(stream.id(), stream);
    }
  }

  /** The session closed: every call in progress is aborted upstream. */
  void abandonAll() {
    if (inProgress == null) {
      return;
    }
    for (RpcStream stream : new ArrayList<>(inProgress)) {
      stream.abandon();
    }
    inProgress.clear();
    byId.clear();
  }
}
