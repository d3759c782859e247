package io.herald.client;

import java.util.Map;

/**
 * A message published to a channel.
 *
 * @param channel the channel
 * @param data the payload, decoded (see {@link Json} for the types)
 * @param offset its offset in the channel's history; 0 for a channel without history
 * @param info who published it; null when the server API did
 */
public record Publication(String channel, Object data, long offset, ClientInfo info) {

  /** The payload as JSON text, for decoding with another JSON library. */
  public String dataJson() {
    return Json.write(data);
  }

  static Publication from(String channel, Map<?, ?> p) {
    return new Publication(channel, p.get("data"), Values.longValue(p.get("offset")),
        ClientInfo.from(p.get("info")));
  }
}
