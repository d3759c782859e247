package io.herald.bench.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection of the load generator. A {@link io.herald.bench.protocol.Protocol}
 * drives it after the handshake: it sends the server's connect and subscribe messages, calls
 * {@link #ready()} when the server confirmed them and {@link #delivery(long)} for each payload.
 *
 * <p>State changes happen on the connection's event loop; {@link #send} may be called from any
 * thread (Netty hands the write to the loop).
 */
public final class Conn {

  /** Where a connection is in its life. */
  public enum Status {
    OPENING,
    READY,
    FAILED,
    CLOSED
  }

  private final int id;
  private final String channel;
  private final ConnListener listener;
  private final AtomicLong nextRequestId = new AtomicLong(10);
  private volatile Status status = Status.OPENING;
  private volatile Channel socket;
  private volatile long startNanos;
  private volatile long readyNanos;
  private Object protocolState;

  /**
   * @param id a number unique within the run; protocols derive user names from it
   * @param channel the server-side channel name to subscribe to, or null for none
   */
  public Conn(int id, String channel, ConnListener listener) {
    this.id = id;
    this.channel = channel;
    this.listener = listener;
  }

  public int id() {
    return id;
  }

  /** The channel this connection subscribes to, or null. */
  public String channel() {
    return channel;
  }

  public Status status() {
    return status;
  }

  /** Nanos from the TCP connect to {@link #ready()}, or -1 when not ready. */
  public long connectNanos() {
    return readyNanos == 0 ? -1 : readyNanos - startNanos;
  }

  /** Per-connection state owned by the protocol. */
  @SuppressWarnings("unchecked")
  public <T> T state() {
    return (T) protocolState;
  }

  public void state(Object state) {
    this.protocolState = state;
  }

  /** A fresh request id for this connection (10, 11, ...); ids below 10 are the protocol's. */
  public long nextRequestId() {
    return nextRequestId.getAndIncrement();
  }

  /** Sends one text message and flushes. */
  public void send(String text) {
    Channel ch = socket;
    if (ch != null) {
      ch.writeAndFlush(new TextWebSocketFrame(text), ch.voidPromise());
    }
  }

  /** The underlying Netty channel, or null before the TCP connect started. */
  public Channel socket() {
    return socket;
  }

  /** The server confirmed connect (and subscribe). */
  public void ready() {
    if (status == Status.OPENING) {
      readyNanos = System.nanoTime();
      status = Status.READY;
      listener.ready(this);
    }
  }

  /** A payload with send time {@code sentNanos} arrived. */
  public void delivery(long sentNanos) {
    listener.delivery(this, sentNanos);
  }

  /**
   * A protocol error: while opening it fails the connection and closes it; once ready it is
   * reported and the connection stays.
   */
  public void error(String reason) {
    if (status == Status.OPENING) {
      fail(reason);
    } else if (status == Status.READY) {
      listener.error(this, reason);
    }
  }

  /** Fails an opening connection (or closes a ready one) and closes the socket. */
  public void fail(String reason) {
    Status was = status;
    if (was == Status.OPENING) {
      status = Status.FAILED;
      listener.failed(this, reason);
    } else if (was == Status.READY) {
      status = Status.CLOSED;
      listener.closed(this, reason);
    }
    Channel ch = socket;
    if (ch != null) {
      ch.close();
    }
  }

  /** Closes the socket; a ready connection is reported as closed with {@code reason}. */
  public void close(String reason) {
    fail(reason);
  }

  void started(Channel ch) {
    this.socket = ch;
  }

  void startClock() {
    this.startNanos = System.nanoTime();
  }

  @Override
  public String toString() {
    return "conn " + id + (channel == null ? "" : " on " + channel) + " (" + status + ")";
  }
}
