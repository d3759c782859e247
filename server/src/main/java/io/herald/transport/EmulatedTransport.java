package io.herald.transport;

import io.herald.config.FallbackConfig;
import io.herald.node.protocol.Cancellable;
import io.herald.node.ClientSession;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Transport;
import io.herald.node.protocol.FrameDecoder;
import java.util.List;

/**
 * A session's connection over the HTTP fallbacks (SSE or long-poll): outbound messages go into an
 * {@link OutboundLog}, from which whatever {@link Sink} is attached (an SSE stream, a pending
 * poll) takes them; inbound messages arrive as emulation POSTs through {@link #receive}. The
 * session outlives the HTTP requests that carry it: with no sink attached for {@code
 * fallback.sessionIdleTimeout} it is closed as if the client had gone.
 *
 * <p>Every method except {@link #receive} and {@link #id} runs on {@link #loop()}; callers on
 * other threads hand their call to it.
 */
final class EmulatedTransport implements Transport {

  /** Where a fallback session's messages are sent: an SSE stream or one pending poll. */
  interface Sink {

    /**
     * Sends {@code entries} (maybe none); {@code closed} means the session is over and nothing
     * follows them.
     *
     * @return true to stay attached for more (a stream), false when done (a poll was answered)
     */
    boolean deliver(List<OutboundLog.Entry> entries, boolean closed);

    /** Another sink took over, or the session is gone: finish without sending more. */
    void end();

    /** The session is closing with {@code why}; called just before the last {@link #deliver}. */
    default void closing(Disconnect why) {}

    /** False while the sink's own connection holds more than its write bound. */
    default boolean writable() {
      return true;
    }
  }

  private final String kind;
  private final String id;
  private final SessionLoop loop;
  private final Handshake handshake;
  private final FallbackConfig config;
  private final FallbackSessions sessions;
  private final FrameDecoder decoder;
  private final OutboundLog log;
  private final ConnectReply connectReply;
  private ClientSession session;
  private Sink sink;
  private boolean pushScheduled;
  private boolean closed;
  private Disconnect closedWith;
  private boolean finished;
  private Cancellable idleTimer = Cancellable.NONE;
  private Cancellable pollTimer = Cancellable.NONE;
  private Runnable onFinish = () -> {};

  /**
   * @param kind {@code sse} or {@code longpoll}: the transport's name in metrics
   * @param id the session id the client uses for its POSTs, from {@link FallbackSessions#newId}
   */
  EmulatedTransport(
      String kind,
      String id,
      SessionLoop loop,
      Handshake handshake,
      FallbackConfig config,
      FallbackSessions sessions,
      FrameDecoder decoder) {
    this.kind = kind;
    this.id = id;
    this.loop = loop;
    this.handshake = handshake;
    this.config = config;
    this.sessions = sessions;
    this.decoder = decoder;
    this.log =
        new OutboundLog(config.bufferSize(), config.sessionIdleTimeout(), System::nanoTime);
    this.connectReply = new ConnectReply(id);
  }

  /** Joins the session that {@code Node.open} made for this transport; then sends it connect. */
  void opened(ClientSession opened, byte[] connect) {
    this.session = opened;
    armIdle();
    opened.handle(decoder.decode(connect));
  }

  /** Runs {@code task} once when the session is over (releases what admitted it). */
  void onFinish(Runnable task) {
    this.onFinish = task;
  }

  /** The id the client names in its POSTs; also the prefix of SSE event ids. */
  String id() {
    return id;
  }

  @Override
  public String name() {
    return kind;
  }

  @Override
  public SessionLoop loop() {
    return loop;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public boolean write(Frame frame) {
    if (closed) {
      return true;
    }
    log.append(connectReply.rewrite(frame));
    schedulePush();
    return !log.overBound() && (sink == null || sink.writable());
  }

  @Override
  public void close(Disconnect disconnect) {
    if (closed) {
      return;
    }
    closed = true;
    closedWith = disconnect;
    schedulePush();
  }

  /** A client message for this session (an emulation POST); any thread. */
  void receive(byte[] data) {
    loop.execute(() -> {
      if (session != null && !finished) {
        sessions.metrics().received(kind, data.length);
        session.handle(decoder.decode(data));
      }
    });
  }

  /** True when an SSE stream that saw every message up to {@code lastSeq} can take over. */
  boolean resumable(long lastSeq) {
    return !finished && log.covers(lastSeq);
  }

  /**
   * Attaches an SSE stream that has seen every message up to {@code lastSeq} (0: none).
   *
   * @return false when messages after {@code lastSeq} are gone (or the session is): the caller
   *     opens a new session instead
   */
  boolean stream(Sink stream, long lastSeq) {
    if (finished || !log.covers(lastSeq)) {
      return false;
    }
    attach(stream);
    deliver(log.after(lastSeq));
    return true;
  }

  /**
   * A long-poll: {@code cursor} is the last message the client has; it is answered with the
   * messages after it at once, or holds until there are some or {@code fallback.pollTimeout}.
   */
  void poll(Sink poll, long cursor) {
    if (finished) {
      poll.deliver(List.of(), true);
      return;
    }
    if (!log.covers(cursor)) {
      attach(poll);
      session.disconnect(Disconnect.INSUFFICIENT_STATE);
      schedulePush(); // answers the poll with what is left, closed, even if already closing
      return;
    }
    log.ack(cursor);
    attach(poll);
    List<OutboundLog.Entry> ready = log.after(cursor);
    if (!ready.isEmpty() || closed) {
      deliver(ready);
    } else {
      pollTimer = loop.schedule(() -> {
        if (sink == poll) {
          deliver(List.of());
        }
      }, config.pollTimeout());
    }
  }

  /** {@code gone}'s connection closed: the session waits for the next sink, idle. */
  void detached(Sink gone) {
    if (sink == gone) {
      sink = null;
      pollTimer.cancel();
      armIdle();
    }
  }

  private void attach(Sink next) {
    idleTimer.cancel();
    pollTimer.cancel();
    Sink previous = sink;
    sink = next;
    if (previous != null && previous != next) {
      previous.end();
    }
  }

  private void schedulePush() {
    if (!pushScheduled) {
      pushScheduled = true;
      loop.execute(this::push);
    }
  }

  private void push() {
    pushScheduled = false;
    if (sink != null) {
      List<OutboundLog.Entry> unsent = log.unsent();
      if (!unsent.isEmpty() || closed) {
        deliver(unsent);
      }
    }
  }

  private void deliver(List<OutboundLog.Entry> entries) {
    Sink target = sink;
    if (closed) {
      target.closing(closedWith);
    }
    boolean keep = target.deliver(entries, closed);
    if (closed) {
      sink = null;
      finish();
    } else if (!keep) {
      sink = null;
      pollTimer.cancel();
      armIdle();
    }
  }

  private void armIdle() {
    idleTimer.cancel();
    if (!finished) {
      idleTimer = loop.schedule(this::idle, config.sessionIdleTimeout());
    }
  }

  /** No stream and no poll for {@code sessionIdleTimeout}: the client is gone. */
  private void idle() {
    if (sink == null) {
      finish();
    }
  }

  /** The session is over: released, forgotten by the registry; idempotent. */
  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    idleTimer.cancel();
    pollTimer.cancel();
    if (session != null) {
      session.transportClosed();
    }
    if (sink != null) {
      sink.end();
      sink = null;
    }
    sessions.remove(this);
    onFinish.run();
  }

  /** True once the client was given this session's id (in its connect reply); any thread. */
  boolean idGiven() {
    return connectReply.given();
  }

  /** For tests and the registry: true once the session is over. */
  boolean finished() {
    return finished;
  }
}
