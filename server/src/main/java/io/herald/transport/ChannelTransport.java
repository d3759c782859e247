package io.herald.transport;

import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the transports that own one Netty channel share ({@link WebSocketTransport}, {@link
 * HttpStream}): messages are written without flushing and one flush per loop iteration sends
 * everything queued (a fan-out of 1,000 publications to one client costs one syscall, not 1,000);
 * the outbound queue is the channel's buffer, bounded by its high write water mark ({@code
 * client.queueMaxSize}), and what a subclass holds back within the pass to write as one message
 * ({@link #writeHeld}) counts toward it; a close sends one last message and drops a peer that
 * does not read it within {@link #CLOSE_WAIT_MILLIS}. Used on the connection's loop only.
 */
abstract class ChannelTransport implements Transport, PassFlushes.Member {

  /** How long a closing message may take to leave before the connection is dropped anyway. */
  static final long CLOSE_WAIT_MILLIS = 1000;

  /** The connection; subclasses write to it only through {@link #queue} and {@link #closeWith}. */
  final Channel channel;
  private final SessionLoop loop;
  private final Handshake handshake;
  private final PassFlushes flushes;
  private boolean flushScheduled;
  private boolean closing;

  ChannelTransport(Channel channel, SessionLoop loop, Handshake handshake) {
    this.channel = channel;
    this.loop = loop;
    this.handshake = handshake;
    this.flushes = PassFlushes.of(channel.eventLoop());
  }

  @Override
  public final SessionLoop loop() {
    return loop;
  }

  @Override
  public final Handshake handshake() {
    return handshake;
  }

  /** True once {@link #closeWith} ran: nothing more may be queued. */
  final boolean closing() {
    return closing;
  }

  /**
   * Queues {@code message} and schedules this iteration's flush. Call only while not {@link
   * #closing}.
   *
   * @return whether the outbound queue is still under its bound
   */
  final boolean queue(Object message) {
    out(message).write(message, channel.voidPromise());
    scheduleFlush();
    return underBound();
  }

  /**
   * Whether the outbound queue, with what the subclass {@link #held holds} for this pass, is
   * within its bound (the channel's high write water mark, {@code client.queueMaxSize}).
   */
  final boolean underBound() {
    if (!channel.isWritable()) {
      return false;
    }
    long held = heldBytes();
    return held == 0 || queuedBytes() <= channel.config().getWriteBufferHighWaterMark();
  }

  /**
   * Writes to the channel, in order, what the subclass held back during this pass (coalesced
   * messages not yet framed); runs before each flush, before {@link #whenFlushed}'s marker and
   * before the closing message. Does nothing by default.
   */
  void writeHeld() {}

  /** Bytes the subclass holds back for this pass and will write before the flush; 0 by default. */
  long heldBytes() {
    return 0;
  }

  /**
   * Where {@code message} enters the pipeline, or with null where this pass's flush does: the
   * channel (its whole pipeline) by default. A subclass whose message needs none of the handlers
   * behind some point may name that point's context instead (a pre-framed WebSocket frame skips
   * the frame encoder); it must not skip a handler that holds writes back, so that what goes in
   * there keeps its order with what goes through the channel.
   */
  ChannelOutboundInvoker out(Object message) {
    return channel;
  }

  /**
   * Makes sure this pass ends with a flush (once, however many writes it had): the loop's {@link
   * PassFlushes} flushes every connection written in the pass with one task.
   */
  final void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      flushes.add(this, channel.eventLoop());
    }
  }

  /** This pass's flush: what the subclass held, then the channel's queue. */
  @Override
  public final void flushNow() {
    flushScheduled = false;
    writeHeld();
    out(null).flush();
  }

  @Override
  public final long queuedBytes() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return (buffer == null ? 0 : buffer.totalPendingWriteBytes()) + heldBytes();
  }

  /**
   * An empty buffer written behind everything queued: its promise completes once all of that has
   * been written to the socket, or fails when the connection is gone; either way the task runs.
   */
  @Override
  public final void whenFlushed(Runnable task) {
    if (closing || !channel.isActive()) {
      loop.execute(task);
      return;
    }
    writeHeld();
    channel.write(Unpooled.EMPTY_BUFFER).addListener(done -> task.run());
    scheduleFlush();
  }

  /**
   * Sends the message {@code last} makes, then closes; once only (later calls do nothing, and
   * {@code last} is not asked). A peer that does not read (a slow client, above all) never lets
   * that message leave: the connection is dropped after {@link #CLOSE_WAIT_MILLIS} instead of
   * holding its queue.
   */
  final void closeWith(Supplier<?> last) {
    if (closing) {
      return;
    }
    writeHeld();
    closing = true;
    channel.writeAndFlush(last.get()).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> {
      channel.close();
    }, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }
}
