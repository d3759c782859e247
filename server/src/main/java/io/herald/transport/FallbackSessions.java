package io.herald.transport;

import io.herald.config.FallbackConfig;
import io.herald.config.HeraldConfig;
import io.herald.engine.NodeInfo;
import io.herald.node.protocol.Handshake;
import io.herald.node.Node;
import io.herald.node.NodeMetrics;
import io.herald.node.protocol.FrameDecoder;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fallback (SSE, long-poll) sessions of one node, by the id their clients name in emulation
 * POSTs. An id is {@code <secret>.<tag>}: the secret is 128 random bits, so it cannot be guessed
 * from anything a client sees of another (the {@code client} id in presence is a different
 * value); the tag is the first 64 bits of SHA-256 over the owning node's uid and the secret, so
 * the id names no node (a client cannot learn a node's uid from it), yet any node of the cluster
 * can tell which live node issued it by computing the tag for each live node it knows, and route
 * the POST there through the broker's control messages ({@link Node#sendSessionData}). An id no
 * live node issued (made up, or altered) is answered 404 at once, without any message to the
 * cluster. So is the id of a session that ended while its node lives on: a node tells the cluster
 * of each of its sessions that ends ({@link Node#announceSessionEnded}), and every node remembers
 * the ended ids ({@link EndedSessions}, {@code fallback.maxEndedSessions}); data routed to a node
 * for a session it no longer has (one announced before the other node heard of it, or forgotten
 * there) makes it tell the cluster again. One per node: it registers itself as the node's receiver
 * of such routed data and announcements. Thread-safe.
 */
public final class FallbackSessions {

  /** Where an emulation POST went. */
  enum Routed {
    /** To a session of this node. */
    HERE,
    /** Handed to the cluster for the node named in the id. */
    ELSEWHERE,
    /** No such session: not here, and the id names this node or no node. */
    UNKNOWN
  }

  /** Transport name (and metrics label) of SSE sessions. */
  static final String SSE = "sse";

  /** Transport name (and metrics label) of long-poll sessions. */
  static final String LONGPOLL = "longpoll";

  private final Node node;
  private final FallbackConfig config;
  private final FrameDecoder decoder;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, EmulatedTransport> sessions = new ConcurrentHashMap<>();
  private final EndedSessions ended;

  /** The registry of {@code node}; receives the data other nodes route to its sessions. */
  public FallbackSessions(Node node, HeraldConfig config) {
    this.node = node;
    this.config = config.fallback();
    this.decoder = node.protocol().decoder();
    this.ended = new EndedSessions(config.fallback().maxEndedSessions());
    node.onSessionData(this::deliverHere);
    node.onSessionEnded(ended::add);
  }

  /** A fresh session id of this node. */
  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return secret + "." + tag(node.uid(), secret);
  }

  /** The tag of {@code secret} for the node with {@code uid}. */
  static String tag(String uid, String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(uid.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      byte[] digest = sha.digest(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * A new session's transport of {@code kind} ({@link #SSE}, {@link #LONGPOLL}) on {@code
   * channel}'s loop, registered under a fresh id; the caller opens the session for it.
   */
  EmulatedTransport create(String kind, Channel channel, Handshake handshake) {
    EmulatedTransport transport = new EmulatedTransport(kind, newId(),
        new NettySessionLoop(channel.eventLoop()), handshake, config, this, decoder);
    sessions.put(transport.id(), transport);
    return transport;
  }

  /**
   * Forgets {@code transport}'s session and, when its client was given the id, tells the cluster
   * it ended (a connect that failed costs the cluster nothing).
   */
  void remove(EmulatedTransport transport) {
    if (sessions.remove(transport.id(), transport) && transport.idGiven()) {
      ended(transport.id());
    }
  }

  private void ended(String id) {
    if (ended.add(id)) {
      node.announceSessionEnded(id);
    }
  }

  /** The session with {@code id} on this node, or null. */
  EmulatedTransport get(String id) {
    return id == null ? null : sessions.get(id);
  }

  /** Fallback sessions open on this node (connecting ones and idle ones included). */
  public int size() {
    return sessions.size();
  }

  /**
   * Hands a client's {@code data} (a JSON-RPC message or batch) to session {@code id}: here when
   * it lives here, else through the cluster to the live node that issued the id (so a made-up id
   * costs the cluster nothing, and so does the id of a session that ended). Routed data for a
   * session that is gone by then is dropped (the client learns from its stream or poll).
   */
  CompletionStage<Routed> route(String id, byte[] data) {
    EmulatedTransport here = get(id);
    if (here != null) {
      here.receive(data);
      return CompletableFuture.completedFuture(Routed.HERE);
    }
    String owner = ended.contains(id) ? null : issuer(id);
    if (owner == null || owner.equals(node.uid())) {
      return CompletableFuture.completedFuture(Routed.UNKNOWN);
    }
    return node.sendSessionData(owner, id, data).thenApply(v -> Routed.ELSEWHERE);
  }

  /** The uid of the live node ({@link Node#nodes}) that issued {@code id}, or null. */
  private String issuer(String id) {
    int dot = id.lastIndexOf('.');
    if (dot <= 0 || id.length() > 64) {
      return null;
    }
    String secret = id.substring(0, dot);
    String tag = id.substring(dot + 1);
    for (NodeInfo info : node.nodes()) {
      if (tag(info.uid(), secret).equals(tag)) {
        return info.uid();
      }
    }
    return null;
  }

  private void deliverHere(String id, byte[] data) {
    EmulatedTransport here = get(id);
    if (here != null) {
      here.receive(data);
    } else {
      ended(id);
    }
  }


  Node node() {
    return node;
  }

  NodeMetrics metrics() {
    return node.metrics();
  }
}
