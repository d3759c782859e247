package io.herald.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.PusherApp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and checks the bodies of {@code POST /apps/<id>/events} and {@code /batch_events}. Every
 * event of a request is checked before any is published, so a bad request publishes nothing.
 */
final class Triggers {

  /** Longest event name: 200 characters. */
  static final int MAX_EVENT_NAME = 200;

  /** Most events in one {@code batch_events}: Pusher's 10. */
  static final int MAX_BATCH = 10;

  private static final Pattern SOCKET_ID = Pattern.compile("\\d+\\.\\d+");

  private Triggers() {}

  /** One event to publish on one or more channels. */
  record Trigger(String name, String data, List<PusherChannel> channels, String socketId,
      List<String> info) {}

  /** A request that is refused: status and message. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** The trigger of an {@code events} body. */
  static Trigger event(JsonNode body, PusherApp app) {
    object(body, "the body");
    List<String> names = new ArrayList<>();
    JsonNode channels = body.get("channels");
    JsonNode channel = body.get("channel");
    if (channels != null && !channels.isNull()) {
      if (!channels.isArray()) {
        throw bad("channels must be an array of channel names");
      }
      channels.forEach(c -> names.add(c.isTextual() ? c.textValue() : null));
    } else if (channel != null && !channel.isNull()) {
      names.add(channel.isTextual() ? channel.textValue() : null);
    }
    if (names.isEmpty()) {
      throw bad("Missing channels: give channels (an array) or channel");
    }
    if (names.size() > app.maxChannelsPerTrigger()) {
      throw bad("Too many channels: " + names.size() + ", the most per trigger is "
          + app.maxChannelsPerTrigger());
    }
    return trigger(body, names, app);
  }

  /** The triggers of a {@code batch_events} body. */
  static List<Trigger> batch(JsonNode body, PusherApp app) {
    object(body, "the body");
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      throw bad("Missing batch: the body must be {\"batch\": [events]}");
    }
    if (batch.size() > MAX_BATCH) {
      throw bad("Batch too large: " + batch.size() + " events, the most is " + MAX_BATCH);
    }
    List<Trigger> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode e = batch.get(i);
      object(e, "batch[" + i + "]");
      JsonNode channel = e.get("channel");
      if (channel == null || !channel.isTextual()) {
        throw bad("batch[" + i + "]: missing channel");
      }
      out.add(trigger(e, List.of(channel.textValue()), app));
    }
    return out;
  }

  private static Trigger trigger(JsonNode body, List<String> names, PusherApp app) {
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
      throw bad("Missing name: the event name must be a non-empty string");
    }
    if (name.textValue().length() > MAX_EVENT_NAME) {
      throw bad("Event name too long: at most " + MAX_EVENT_NAME + " characters");
    }
    JsonNode data = body.get("data");
    if (data == null || data.isNull()) {
      throw bad("Missing data: the event data must be a string");
    }
    String text = data.isTextual() ? data.textValue() : data.toString();
    int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (size > app.maxEventDataSize()) {
      throw new Refused(413, "Request Entity Too Large: event data is " + size
          + " bytes, the most is " + app.maxEventDataSize());
    }
    List<PusherChannel> channels = new ArrayList<>();
    for (String n : names) {
      PusherChannel c = PusherChannel.parse(n);
      if (c == null) {
        throw bad("Invalid channel name: " + (n == null ? "not a string" : "'" + n + "'")
            + "; use 1-200 letters, digits and _ - = @ , . ;");
      }
      channels.add(c);
    }
    long encrypted = channels.stream().filter(PusherChannel::encrypted).count();
    if (encrypted > 0 && channels.size() > 1) {
      throw bad("An encrypted channel must be the only channel of its trigger");
    }
    JsonNode socketId = body.get("socket_id");
    String socket = null;
    if (socketId != null && !socketId.isNull()) {
      if (!socketId.isTextual() || !SOCKET_ID.matcher(socketId.textValue()).matches()) {
        throw bad("Invalid socket_id: expected digits.digits, e.g. 123.456");
      }
      socket = socketId.textValue();
    }
    return new Trigger(name.textValue(), text, channels, socket, info(body.get("info")));
  }

  /** The {@code info} attributes asked for: {@code user_count}, {@code subscription_count}. */
  static List<String> info(JsonNode info) {
    if (info == null || info.isNull()) {
      return List.of();
    }
    if (!info.isTextual()) {
      throw bad("info must be a comma-separated string, e.g. user_count,subscription_count");
    }
    return info(info.textValue());
  }

  /** The attributes of a comma-separated {@code info}. */
  static List<String> info(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (!p.equals("user_count") && !p.equals("subscription_count")) {
        throw bad("Unknown info attribute '" + p + "'; allowed: user_count, subscription_count");
      }
      out.add(p);
    }
    return out;
  }

  private static void object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw bad("Invalid JSON: " + what + " must be a JSON object");
    }
  }

  static Refused bad(String message) {
    return new Refused(400, message);
  }
}
