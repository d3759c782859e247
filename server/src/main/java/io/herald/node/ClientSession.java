package io.herald.node;

import io.herald.node.protocol.Frame;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.ProtocolEncoder;
import io.herald.node.protocol.Transport;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Unsubscribe;

import io.herald.config.ClientConfig;
import io.herald.engine.ClientInfo;
import io.herald.node.protocol.DecodedFrame;
import io.herald.node.proxy.Caller;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's state, whatever its transport. Every method runs on {@link #loop()}.
 *
 * <p>State machine: {@code CONNECTING} (only {@code connect} is accepted; closed with 3502 after
 * {@code client.connectTimeout}) → {@code CONNECTED} (pings every {@code client.pingInterval},
 * closed with 3012 when a pong is late, with 3005 when the token expired and was not refreshed
 * within {@code client.expiryGrace}) → {@code CLOSED} (final; everything it held is released).
 *
 * <p>Inbound frames are processed one at a time in arrival order; a frame that waits on an
 * asynchronous command (a JWKS lookup, a broker subscribe) holds the next ones back, at most
 * {@code client.maxPendingFrames} of them.
 */
public final class ClientSession {

  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

  enum State {
    CONNECTING,
    CONNECTED,
    CLOSED
  }

  private final SessionContext context;
  private final Transport transport;
  private final Protocol protocol;
  private final ProtocolEncoder encoder;
  private final int protocolIndex;
  private final String id;
  private final ClientConfig limits;
  private final CommandDispatcher dispatcher;
  private final SessionSubscriptions subscriptions;
  // Made when a frame first has to wait: most connections never need one.
  private ArrayDeque<DecodedFrame> pendingFrames;
  private final CommandRateLimit rateLimit;
  private State state = State.CONNECTING;
  private boolean busy;
  private boolean slowScheduled;
  private String user = "";
  private byte[] connInfo;
  private final SessionTimers timers;

  ClientSession(SessionContext context, Transport transport, Protocol protocol, int protocolIndex,
      String id) {
    this.context = context;
    this.transport = transport;
    this.protocol = protocol;
    this.encoder = protocol.encoder();
    this.protocolIndex = protocolIndex;
    this.id = id;
    this.limits = context.limits();
    this.subscriptions = new SessionSubscriptions(this, context.channels());
    this.timers = new SessionTimers(this, limits, context.clock());
    this.dispatcher = new CommandDispatcher(context, this);
    this.rateLimit = CommandRateLimit.of(
        limits.rateLimit(), limits.rateBurst(), limits.rateLimitGrace(), context.clock());
  }

  /** Backend calls (publish, subscribe proxies) in progress; on the loop only. */
  private int backendCalls;

  /** Counts one more backend call unless {@code limit} are in progress; on the loop only. */
  boolean startBackendCall(int limit) {
    if (backendCalls >= limit) {
      return false;
    }
    backendCalls++;
    return true;
  }

  /** A backend call {@link #startBackendCall} counted is over; on the loop only. */
  void endBackendCall() {
    backendCalls--;
  }

  /** Takes one command from the connection's rate budget ({@code client.rateLimit}). */
  CommandRateLimit.Verdict rateLimit() {
    return rateLimit == null ? CommandRateLimit.Verdict.ALLOW : rateLimit.take();
  }

  void start() {
    metrics().sessionOpened(transport.name());
    timers.opened(context.timers(loop()));
  }

  /** This connection's unique id (the {@code client} of the connect result). */
  public String id() {
    return id;
  }

  /** The user id; {@code ""} while connecting or when anonymous. */
  public String user() {
    return user;
  }

  /** The loop this session lives on. */
  public SessionLoop loop() {
    return transport.loop();
  }

  /** The encoder of {@link #protocol}. */
  ProtocolEncoder encoder() {
    return encoder;
  }

  /** The protocol this session speaks. */
  public Protocol protocol() {
    return protocol;
  }

  /** The node's index of {@link #protocol} (for per-protocol fan-out). */
  int protocolIndex() {
    return protocolIndex;
  }

  /** The transport's name, e.g. {@code websocket}. */
  public String transportName() {
    return transport.name();
  }

  /** True once {@code connect} succeeded and until the session closed. */
  public boolean connected() {
    return state == State.CONNECTED;
  }

  /** True once the session closed. */
  public boolean closed() {
    return state == State.CLOSED;
  }

  /** Who this session is, for calls to the backend. */
  Caller caller() {
    return new Caller(id, user, transport.name(), transport.handshake());
  }

  Transport transport() {
    return transport;
  }

  /** Channels this session is subscribed to (a snapshot). */
  public List<String> channels() {
    return subscriptions.channels();
  }

  /** Handles one decoded inbound frame. */
  public void handle(DecodedFrame frame) {
    if (state == State.CLOSED) {
      return;
    }
    if (busy) {
      if (pendingFrames == null) {
        pendingFrames = new ArrayDeque<>(2);
      }
      if (pendingFrames.size() >= limits.maxPendingFrames()) {
        disconnect(Disconnect.BAD_REQUEST);
        return;
      }
      pendingFrames.add(frame);
      return;
    }
    busy = true;
    new FrameRun(this, dispatcher, encoder, frame).start();
  }

  /** Called by {@link FrameRun} when every element of a frame is answered. */
  void frameDone(List<byte[]> responses, boolean batch, Disconnect thenDisconnect) {
    busy = false;
    if (state == State.CLOSED) {
      return;
    }
    if (!responses.isEmpty()) {
      write(encoder.frame(responses, batch));
    }
    subscriptions.repliesWritten();
    if (thenDisconnect != null) {
      disconnect(thenDisconnect);
      return;
    }
    DecodedFrame next = pendingFrames == null ? null : pendingFrames.poll();
    if (next != null) {
      handle(next);
    }
  }

  /** Writes a frame from fan-out (counted per loop); true when written (session connected). */
  boolean deliver(Frame frame) {
    if (state == State.CONNECTED) {
      enqueue(frame);
      return true;
    }
    return false;
  }

  /**
   * Writes a frame of this session's protocol meant for this connection only (a protocol
   * adapter's own event, such as a connection-established message). Call on {@link #loop()};
   * ignored once closed. A full outbound queue disconnects the client with 3008, as for any
   * write.
   */
  public void send(Frame frame) {
    if (state != State.CLOSED) {
      write(frame);
    }
  }

  /** Writes a frame meant for this session only (a reply, a ping, a notification). */
  void write(Frame frame) {
    context.metrics().sent(transport.name(), frame.size());
    enqueue(frame);
  }

  private void enqueue(Frame frame) {
    if (!transport.write(frame)) {
      tooSlow();
    }
  }

  /**
   * {@code sub} saw a gap in its channel's stream: unsubscribe the client with 2500 (insufficient
   * state) so that it resubscribes with recovery. Deferred, like {@link #tooSlow}.
   */
  void insufficientState(Subscription sub) {
    loop().execute(() -> subscriptions.insufficientState(sub));
  }

  /** The client cannot keep up: disconnect it with 3008 (slow), once. */
  void tooSlow() {
    if (!slowScheduled) {
      slowScheduled = true;
      // Deferred: a fan-out task may be iterating the member set this disconnect changes.
      loop().execute(() -> disconnect(Disconnect.SLOW));
    }
  }

  /**
   * Sends a {@code disconnect} notification (unless the client is too slow to read it), closes
   * the transport and releases everything. Idempotent.
   */
  public void disconnect(Disconnect disconnect) {
    if (state == State.CLOSED) {
      return;
    }
    if (disconnect.code() != Disconnect.SLOW.code()) {
      Frame notice = encoder.disconnect(disconnect);
      if (notice != null) {
        transport.write(notice);
      }
    }
    release();
    transport.close(protocol.closing(disconnect));
    metrics().disconnected(disconnect.code());
    log.debug("client {} user {} disconnected: {}", id, user, disconnect);
  }

  /** The transport closed underneath the session (peer closed, network error). Idempotent. */
  public void transportClosed() {
    if (state == State.CLOSED) {
      return;
    }
    release();
    metrics().disconnected(0);
    log.debug("client {} user {} closed the connection", id, user);
  }

  /** Where this session reports what it does. */
  NodeMetrics metrics() {
    return context.metrics();
  }

  /** Bytes queued on this session's connection, not yet sent (see {@link Transport#queuedBytes}). */
  long queuedBytes() {
    return transport.queuedBytes();
  }

  private void release() {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasConnected = state == State.CONNECTED;
    state = State.CLOSED;
    metrics().sessionClosed(transport.name());
    timers.cancelAll();
    pendingFrames = null;
    dispatcher.released();
    subscriptions.releaseAll();
    if (wasConnected) {
      context.registry().unregistered(this);
    }
  }

  /** Moves to CONNECTED; false, staying CONNECTING, when {@code user} is at its limit. */
  boolean connected(String user, byte[] connInfo, Instant expiresAt) {
    if (state == State.CLOSED) {
      // A connect that finished (a JWKS fetch, a connect proxy) after the connection closed.
      return false;
    }
    this.user = user;
    if (!context.registry().register(this)) {
      this.user = "";
      return false;
    }
    this.connInfo = connInfo;
    state = State.CONNECTED;
    log.debug("client {} user {} connected over {}", id, user, transport.name());
    timers.connected(expiresAt);
    return true;
  }

  /**
   * Lets the transport send the messages of one loop pass as one array message, within {@code
   * client.maxCoalescedMessages} and {@code client.maxCoalescedSize}; the client asked for it.
   *
   * @return whether the transport does
   */
  boolean coalesce() {
    return transport.coalesce(limits.maxCoalescedMessages(), limits.maxCoalescedSize());
  }

  /** Sets when the token expires (null: never) and (re)arms the expiry check. */
  void expiresAt(Instant at) {
    timers.expiresAt(at);
  }

  /** A pong arrived. */
  void pong() {
    timers.pong();
  }

  /** Who this client is, attached to its publications. */
  ClientInfo clientInfo(String channel) {
    Subscription sub = subscriptions.get(channel);
    return new ClientInfo(user, id, connInfo, sub == null ? null : sub.chanInfo());
  }

  /** This connection's {@code info} claim (raw JSON), or null. */
  byte[] connInfo() {
    return connInfo;
  }

  /** The channels this session is subscribed to; where subscriptions live and die. */
  SessionSubscriptions subscriptions() {
    return subscriptions;
  }

  ClientConfig limits() {
    return limits;
  }

  CommandDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Moves this connected session to {@code newUser} in the node's registry (a protocol
   * adapter's sign-in); false, keeping the old user, at {@code client.userConnectionLimit}.
   */
  boolean changeUser(String newUser) {
    if (state != State.CONNECTED || newUser.equals(user)) {
      return state == State.CONNECTED;
    }
    context.registry().unregistered(this);
    String old = user;
    user = newUser;
    if (!context.registry().register(this)) {
      user = old;
      context.registry().register(this);
      return false;
    }
    return true;
  }

  /** Server-side subscribe (API or token {@code channels}); tells the client. */
  void serverSubscribe(ChannelName channel) {
    subscriptions.serverSubscribe(channel);
  }

  /** Server-side unsubscribe; tells the client. */
  void serverUnsubscribe(String channel, Unsubscribe why) {
    subscriptions.serverUnsubscribe(channel, why);
  }
}
