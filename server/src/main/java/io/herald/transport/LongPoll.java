package io.herald.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One pending long-poll request, answered once with {@code {"session", "cursor", "messages",
 * "closed"}}: the messages after the client's cursor (each a JSON-RPC message or batch, as a
 * WebSocket client would get it), the cursor to send next time, and whether the session is over.
 * While it waits, the connection's plain-HTTP idle timeout is off (a poll is quiet by design);
 * it is back once the poll is answered. Safe from any thread.
 */
final class LongPoll implements EmulatedTransport.Sink {

  private final ChannelHandlerContext ctx;
  private final boolean keepAlive;
  private final String origin;
  private final String session;
  private final long cursor;
  private final Duration idleTimeout;
  private boolean answered;
  private GenericFutureListener<Future<? super Void>> watcher;

  /**
   * @param cursor the client's cursor: the answer's cursor when it carries no messages
   * @param idleTimeout the connection's plain-HTTP idle timeout, restored after the answer
   */
  LongPoll(ChannelHandlerContext ctx, boolean keepAlive, String origin, String session,
      long cursor, Duration idleTimeout) {
    this.ctx = ctx;
    this.keepAlive = keepAlive;
    this.origin = origin;
    this.session = session;
    this.cursor = cursor;
    this.idleTimeout = idleTimeout;
    if (ctx.pipeline().get(HttpIdleTimeout.class) != null) {
      ctx.pipeline().remove(HttpIdleTimeout.class);
    }
  }

  /** Runs {@code onClose} if the connection closes before the poll is answered. */
  synchronized void watch(Runnable onClose) {
    watcher = f -> onClose.run();
    ctx.channel().closeFuture().addListener(watcher);
  }

  @Override
  public synchronized boolean deliver(List<OutboundLog.Entry> entries, boolean closed) {
    if (answered) {
      return false;
    }
    answered = true;
    if (watcher != null) {
      ctx.channel().closeFuture().removeListener(watcher);
    }
    long next = entries.isEmpty() ? cursor : entries.get(entries.size() - 1).seq();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("{\"session\":\"" + session + "\",\"cursor\":" + next + ",\"messages\":[")
        .getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(entries.get(i).frame().bytes());
    }
    body.writeBytes(("],\"closed\":" + closed + "}").getBytes(StandardCharsets.UTF_8));
    ctx.executor().execute(() -> {
      if (ctx.channel().isActive() && ctx.pipeline().get(HttpIdleTimeout.class) == null
          && ctx.pipeline().get("http") != null) {
        ctx.pipeline().addBefore("http", "idle", new HttpIdleTimeout(idleTimeout));
      }
      HttpResponses.send(ctx, keepAlive, 200, "application/json", body.toByteArray(),
          h -> {
            Cors.allow(h, origin);
            h.set("Cache-Control", "no-store");
          });
    });
    return false;
  }

  @Override
  public void end() {
    deliver(List.of(), false);
  }
}
