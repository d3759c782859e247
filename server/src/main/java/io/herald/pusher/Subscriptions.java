package io.herald.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.config.PusherApp;
import io.herald.engine.ClientInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Who may subscribe to what: a public channel needs nothing; a private one an {@code auth}
 * signing {@code socket_id:channel}; a presence one an {@code auth} signing {@code
 * socket_id:channel:channel_data} whose {@code channel_data} names a {@code user_id}; a
 * server-to-user channel a connection signed in as that user. Also sign-in ({@code
 * socket_id::user::user_data}). Stateless.
 */
final class Subscriptions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Subscriptions() {}

  /** Null when the subscription is allowed, else why not. */
  static String check(PusherApp app, String socketId, PusherChannel c, ClientMessage m,
      String user) {
    if (c.user() != null) {
      return c.user().equals(user) ? null
          : "Subscribing to " + c.name() + " needs a connection signed in as that user";
    }
    if (!c.isPrivate()) {
      return null;
    }
    String data = c.presence() ? m.field("channel_data") : null;
    if (c.presence() && userId(data) == null) {
      return "Invalid channel_data: a presence subscription needs channel_data with a user_id";
    }
    if (!Signatures.channelAuthorized(app.key(), app.secret(), socketId, c.name(), data,
        m.field("auth"))) {
      return "Invalid signature: expected HMAC SHA256 hex digest of " + socketId + ":" + c.name()
          + (c.presence() ? ":<channel_data>" : "") + " with the app secret, sent as key:signature";
    }
    return null;
  }

  /** The presence entry of a subscription: the member's id and info, or the connection's. */
  static ClientInfo member(PusherChannel c, ClientMessage m, String socketId, String user) {
    if (!c.presence()) {
      return new ClientInfo(user == null ? "" : user, socketId, null, null);
    }
    JsonNode data = parse(m.field("channel_data"));
    JsonNode info = data.get("user_info");
    byte[] raw = info == null || info.isNull() ? null
        : info.toString().getBytes(StandardCharsets.UTF_8);
    return new ClientInfo(userId(m.field("channel_data")), socketId, null, raw);
  }

  /** The {@code id} of a signed sign-in's {@code user_data}, or null when it is not valid. */
  static String signedInUser(PusherApp app, String socketId, String userData, String auth) {
    if (userData == null
        || !Signatures.userAuthorized(app.key(), app.secret(), socketId, userData, auth)) {
      return null;
    }
    JsonNode id = parse(userData).get("id");
    return id != null && id.isTextual() && !id.textValue().isEmpty() ? id.textValue() : null;
  }

  /** {@code user_id} of {@code channel_data} (a number as its text), or null. */
  static String userId(String channelData) {
    JsonNode id = parse(channelData).get("user_id");
    if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
      return null;
    }
    String text = id.asText();
    return text.isEmpty() ? null : text;
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(json);
      return node != null && node.isObject() ? node : JSON.createObjectNode();
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
