package io.herald.protocol.jsonrpc;

import static io.herald.protocol.jsonrpc.PublicationBytes.ascii;
import static io.herald.protocol.jsonrpc.PublicationBytes.plain;
import static io.herald.protocol.jsonrpc.PublicationBytes.put;
import static io.herald.protocol.jsonrpc.PublicationBytes.putAscii;

import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;

/**
 * The answer to {@code connect} written straight into one exactly sized array, for the common
 * connect: nothing subscribed, a client id and user of printable ASCII without quote or backslash
 * (JSON writes them as they are), a request id (raw JSON, written verbatim) of ASCII. The bytes are the same as {@link JsonRpcEncoder}'s
 * Jackson path writes (a test compares them); what it saves per connection is a generator, its
 * contexts and buffers. Every other answer is written with Jackson.
 *
 * <p>Stateless, thread-safe.
 */
final class ConnectReplyBytes {

  private static final byte[] HEAD = ascii("{\"jsonrpc\":\"2.0\",\"result\":{\"client\":\"");
  private static final byte[] USER = ascii("\",\"user\":\"");
  private static final byte[] EXPIRES = ascii("\",\"expires\":true,\"ttl\":");
  private static final byte[] PING_AFTER_USER = ascii("\",\"ping\":");
  private static final byte[] PING = ascii(",\"ping\":");
  private static final byte[] PONG = ascii(",\"pong\":");
  private static final byte[] BATCH = ascii(",\"batch\":");
  private static final byte[] ID = ascii("},\"id\":");

  private ConnectReplyBytes() {}

  /** The answer's bytes, or null when this path does not write it; then Jackson does. */
  static byte[] encode(RequestId id, Result.Connect c) {
    String idJson = id.json();
    if (!c.subs().isEmpty() || !c.subErrors().isEmpty() || c.client() == null || c.user() == null
        || !plain(c.client()) || !plain(c.user()) || !ascii7(idJson)) {
      return null;
    }
    String ttl = c.expires() ? Long.toString(c.ttl()) : null;
    String ping = Long.toString(c.ping());
    String pong = Boolean.toString(c.pong());
    String batch = c.batch() == null ? null : c.batch().toString();
    int size = HEAD.length + c.client().length() + USER.length + c.user().length()
        + (ttl == null ? PING_AFTER_USER.length : EXPIRES.length + ttl.length() + PING.length)
        + ping.length() + PONG.length + pong.length()
        + (batch == null ? 0 : BATCH.length + batch.length())
        + ID.length + idJson.length() + 1;
    byte[] out = new byte[size];
    int at = put(out, 0, HEAD);
    at = putAscii(out, at, c.client());
    at = put(out, at, USER);
    at = putAscii(out, at, c.user());
    if (ttl == null) {
      at = put(out, at, PING_AFTER_USER);
    } else {
      at = put(out, at, EXPIRES);
      at = putAscii(out, at, ttl);
      at = put(out, at, PING);
    }
    at = putAscii(out, at, ping);
    at = put(out, at, PONG);
    at = putAscii(out, at, pong);
    if (batch != null) {
      at = put(out, at, BATCH);
      at = putAscii(out, at, batch);
    }
    at = put(out, at, ID);
    at = putAscii(out, at, idJson);
    out[at] = '}';
    return out;
  }

  /** The request id is raw JSON written verbatim: one byte per char when it is ASCII. */
  private static boolean ascii7(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
