package io.herald.pusher;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * How an event's {@code data} maps between Pusher and Herald. Pusher carries {@code data} as a
 * string (in most server events a JSON-encoded one); a Herald publication carries raw JSON.
 *
 * <ul>
 *   <li>Pusher to Herald: a string holding a JSON object or array becomes that object or array
 *       (its text exactly as sent); any other string becomes a JSON string.
 *   <li>Herald to Pusher: a JSON string is sent as it is; any other value is sent as a string
 *       holding its JSON text exactly as published.
 * </ul>
 *
 * So an event triggered through Pusher's API reaches Pusher clients with the very string that
 * was sent, and Herald's JSON-RPC clients see objects as objects. Stateless, thread-safe.
 */
public final class EventData {

  private static final JsonFactory JSON = new JsonFactory();

  private EventData() {}

  /** The Herald publication data of Pusher's {@code data} string. */
  public static byte[] toHerald(String data) {
    if (isObjectOrArray(data)) {
      return data.getBytes(StandardCharsets.UTF_8);
    }
    return quote(data);
  }

  /**
   * The JSON string token that carries Herald data {@code raw} in a Pusher frame's {@code data}.
   */
  public static byte[] toPusher(byte[] raw) {
    int i = 0;
    while (i < raw.length && Character.isWhitespace(raw[i])) {
      i++;
    }
    if (i < raw.length && raw[i] == '"') {
      return raw;
    }
    return quote(new String(raw, StandardCharsets.UTF_8));
  }

  /** {@code text} as a JSON string token. */
  public static byte[] quote(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static boolean isObjectOrArray(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i == text.length() || (text.charAt(i) != '{' && text.charAt(i) != '[')) {
      return false;
    }
    try (JsonParser p = JSON.createParser(text)) {
      p.nextToken();
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** True when {@code token} is a JSON string token (used by tests). */
  static boolean isString(byte[] token) {
    try (JsonParser p = JSON.createParser(token)) {
      return p.nextToken() == JsonToken.VALUE_STRING && p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
