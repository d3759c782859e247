package io.herald.pusher;

import io.herald.config.PusherApp;
import io.herald.engine.ClientInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One Pusher connection: the protocol's state machine over a {@link PusherCore}. It greets the
 * client ({@code pusher:connection_established}), answers pings, subscribes and unsubscribes
 * (checking Pusher's authorization signatures), relays client events, signs users in, keeps
 * presence members per user, and closes silent connections ({@link ActivityTimer}).
 *
 * <p>Threading: every method runs on the core's loop, one at a time; no locks.
 */
public final class PusherConnection {

  /** Close code and reason after a ping went unanswered. */
  static final int PONG_TIMEOUT_CODE = 4201;

  private PusherApp app;
  private final Supplier<PusherApp> latest;
  private final PusherCore core;
  private final String socketId;
  private final Map<String, ChannelState> channels = new HashMap<>();
  private final ClientEvents clientEvents;
  private final ActivityTimer activity;
  private final int channelLimit;
  private final PusherWebhooks webhooks;
  private String user;
  private boolean closed;

  /** What this connection knows of one subscribed channel. */
  static final class ChannelState {
    final PusherChannel channel;
    final String herald;
    final ClientInfo member;
    boolean subscribed;
    PresenceMembers members;

    ChannelState(PusherChannel channel, String herald, ClientInfo member) {
      this.channel = channel;
      this.herald = herald;
      this.member = member;
    }
  }

  /**
   * @param socketId this connection's socket id ({@link #newSocketId})
   * @param channelLimit most channels one connection may subscribe to
   * @param webhooks where client events and cache misses are reported
   */
  public PusherConnection(PusherApp app, PusherCore core, String socketId, int channelLimit,
      PusherWebhooks webhooks) {
    this(app, () -> null, core, socketId, channelLimit, webhooks, System::nanoTime);
  }

  /**
   * @param latest the app as the config has it now (after a reload: a rotated secret, changed
   *     limits), read for every message; null while the app is no longer configured (the
   *     connection keeps the app it opened with)
   */
  public PusherConnection(PusherApp app, Supplier<PusherApp> latest, PusherCore core,
      String socketId, int channelLimit, PusherWebhooks webhooks) {
    this(app, latest, core, socketId, channelLimit, webhooks, System::nanoTime);
  }

  PusherConnection(PusherApp app, Supplier<PusherApp> latest, PusherCore core, String socketId,
      int channelLimit, PusherWebhooks webhooks, LongSupplier nanos) {
    this.webhooks = webhooks;
    this.latest = latest;
    this.app = app;
    this.core = core;
    this.socketId = socketId;
    this.channelLimit = channelLimit;
    this.clientEvents = new ClientEvents(nanos);
    this.activity = new ActivityTimer(core, app.activityTimeout(), this::silent, nanos);
  }

  /** A fresh socket id: two random positive integers, {@code \d+\.\d+}. */
  public static String newSocketId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return r.nextInt(1, Integer.MAX_VALUE) + "." + r.nextInt(1, Integer.MAX_VALUE);
  }

  /** This connection's socket id. */
  public String socketId() {
    return socketId;
  }

  /** The app this connection belongs to. */
  public PusherApp app() {
    return app;
  }

  /** Greets the client and starts watching for silence. */
  public void start() {
    core.send(PusherFrames.connectionEstablished(socketId, app.activityTimeout().toSeconds()));
    activity.start();
  }

  /** One text message from the client. */
  public void message(byte[] bytes) {
    if (closed) {
      return;
    }
    activity.heard();
    PusherApp now = latest.get();
    if (now != null && now.id().equals(app.id())) {
      app = now;
    }
    ClientMessage m = ClientMessage.parse(bytes);
    if (m == null) {
      core.send(PusherFrames.error(null, "Invalid message: expected a JSON object with an event"));
      return;
    }
    switch (m.event()) {
      case "pusher:ping" -> core.send(PusherFrames.pong());
      case "pusher:pong" -> { }
      case "pusher:subscribe" -> subscribe(m);
      case "pusher:unsubscribe" -> unsubscribe(m.field("channel"));
      case "pusher:signin" -> signIn(m);
      default -> {
        if (m.event().startsWith("client-")) {
          clientEvent(m);
        } else {
          core.send(PusherFrames.error(null, "Unsupported event: " + m.event()));
        }
      }
    }
  }

  /** The connection is gone: forget everything (the core removes its subscriptions). */
  public void closed() {
    closed = true;
    activity.stop();
    channels.clear();
  }

  private void subscribe(ClientMessage m) {
    String name = m.field("channel");
    PusherChannel c = PusherChannel.parse(name);
    if (c == null) {
      core.send(PusherFrames.error(null, "Invalid channel name: " + name));
      return;
    }
    if (channels.containsKey(c.name())) {
      return;
    }
    if (channels.size() >= channelLimit) {
      core.send(PusherFrames.subscriptionError(c.name(), 400,
          "Too many channels: a connection may subscribe to at most " + channelLimit));
      return;
    }
    String refused = Subscriptions.check(app, socketId, c, m, user);
    if (refused != null) {
      core.send(PusherFrames.subscriptionError(c.name(), 401, refused));
      return;
    }
    ClientInfo member = Subscriptions.member(c, m, socketId, user);
    ChannelState state = new ChannelState(c, c.herald(app.id()), member);
    channels.put(c.name(), state);
    core.subscribe(state.herald, member).whenComplete((v, error) -> core.loop().execute(() -> {
      if (closed || channels.get(c.name()) != state) {
        return;
      }
      if (error != null) {
        channels.remove(c.name());
        core.send(PusherFrames.error(null, "Subscription to " + c.name() + " failed"));
        return;
      }
      if (c.presence()) {
        presenceSnapshot(state);
      } else {
        confirmed(state, PusherFrames.subscribed(c.name()));
      }
    }));
  }

  private void presenceSnapshot(ChannelState state) {
    core.presence(state.herald).whenComplete((present, error) -> core.loop().execute(() -> {
      if (closed || channels.get(state.channel.name()) != state) {
        return;
      }
      state.members = new PresenceMembers(error == null ? present.values() : java.util.List.of());
      state.members.join(state.member);
      confirmed(state, PusherFrames.subscribed(state.channel.name(), state.members.byUser()));
    }));
  }

  private void confirmed(ChannelState state, byte[] frame) {
    state.subscribed = true;
    core.send(frame);
    if (state.channel.cache()) {
      core.last(state.herald).whenComplete((p, error) -> core.loop().execute(() -> {
        if (closed || channels.get(state.channel.name()) != state) {
          return;
        }
        core.send(p == null ? PusherFrames.cacheMiss(state.channel.name())
            : PusherEncoder.publication(state.herald, p));
        if (p == null) {
          webhooks.cacheMiss(state.herald);
        }
      }));
    }
  }

  private void unsubscribe(String name) {
    ChannelState state = name == null ? null : channels.remove(name);
    if (state != null) {
      core.unsubscribe(state.herald);
    }
  }

  /**
   * A member joined Herald channel {@code herald}: {@code member_added} unless the user was
   * already there (or it is this connection).
   */
  public void joined(String herald, ClientInfo info) {
    ChannelState state = presenceState(herald);
    if (state != null && !info.client().equals(socketId) && state.members.join(info)) {
      core.send(PusherFrames.memberAdded(state.channel.name(), info.user(), info.chanInfo()));
    }
  }

  /** A member left: {@code member_removed} when it was its user's last connection. */
  public void left(String herald, ClientInfo info) {
    ChannelState state = presenceState(herald);
    if (state != null && !info.client().equals(socketId) && state.members.leave(info)) {
      core.send(PusherFrames.memberRemoved(state.channel.name(), info.user()));
    }
  }

  private ChannelState presenceState(String herald) {
    if (closed) {
      return null;
    }
    ChannelState state = channels.get(PusherChannel.pusherName(herald));
    return state != null && state.members != null && state.herald.equals(herald) ? state : null;
  }

  private void clientEvent(ClientMessage m) {
    ChannelState state = m.channel() == null ? null : channels.get(m.channel());
    String refused = clientEvents.check(app, m, state == null ? null : state.channel,
        state != null && state.subscribed);
    if (refused != null) {
      core.send(PusherFrames.error(4301, refused));
      return;
    }
    ClientInfo from = new ClientInfo(
        state.channel.presence() ? state.member.user() : "", socketId, null, null);
    byte[] data = m.heraldData();
    core.publish(state.herald, data, m.event(), from);
    webhooks.clientEvent(state.herald, m.event(), data, socketId, from.user());
  }

  private void signIn(ClientMessage m) {
    String userData = m.field("user_data");
    String auth = m.field("auth");
    String id = Subscriptions.signedInUser(app, socketId, userData, auth);
    if (id == null) {
      core.send(PusherFrames.error(4009, "Invalid signin: the auth signature does not sign "
          + "socket_id::user::user_data, or user_data has no id"));
      return;
    }
    user = id;
    core.signIn(PusherApps.heraldUser(app.id(), id));
    core.send(PusherFrames.signinSuccess(userData));
  }

  private void silent(boolean pinged) {
    if (closed) {
      return;
    }
    if (!pinged) {
      core.send(PusherFrames.ping());
      return;
    }
    core.close(PONG_TIMEOUT_CODE, "Pong reply not received");
  }

  /** How long after the server's ping a silent connection is closed: Pusher's 30 seconds. */
  static final Duration PONG_TIMEOUT = Duration.ofSeconds(30);
}
