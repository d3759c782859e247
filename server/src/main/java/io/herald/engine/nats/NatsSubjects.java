package io.herald.engine.nats;

import java.nio.charset.StandardCharsets;

/**
 * The NATS subjects of one Herald cluster, all under one prefix.
 *
 * <ul>
 *   <li>{@code <prefix>.control}: control messages; every node subscribes;
 *   <li>{@code <prefix>.ch.<token>}: publications, joins and leaves of one channel, where {@code
 *       <token>} is the channel name with every character outside {@code A-Z a-z 0-9 _ - = @ , ;
 *       : # $ / +} written as {@code %XX} per UTF-8 byte ({@code news.eu} becomes {@code
 *       news%2Eeu}, {@code %} itself {@code %25}). NATS separates tokens with {@code .}, treats
 *       {@code *} and {@code >} as wildcards and forbids blanks; none of them survives escaping,
 *       so one channel is always exactly one token and two channels never share a subject.
 * </ul>
 *
 * Herald's channel names (letters, digits, {@code _ - = @ . , ; : # $ / +}) only ever need the
 * {@code .} escaped. Immutable, thread-safe.
 */
public final class NatsSubjects {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String channelPrefix;
  private final String control;

  /** Subjects under {@code prefix} (a valid subject, e.g. {@code herald} or {@code acme.herald}). */
  public NatsSubjects(String prefix) {
    this.channelPrefix = prefix + ".ch.";
    this.control = prefix + ".control";
  }

  /** The subject every node's control messages go to. */
  public String control() {
    return control;
  }

  /** The subject of {@code channel}. */
  public String channel(String channel) {
    return channelPrefix + token(channel);
  }

  /** {@code channel} as one subject token: reversible with {@link #channelOf(String)}. */
  static String token(String channel) {
    StringBuilder out = null;
    for (int i = 0; i < channel.length(); i++) {
      char c = channel.charAt(i);
      if (safe(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(channel.length() + 8).append(channel, 0, i);
      }
      int end = i + (Character.isHighSurrogate(c) && i + 1 < channel.length() ? 2 : 1);
      for (byte b : channel.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
      i = end - 1;
    }
    return out == null ? channel : out.toString();
  }

  /** The channel of a subject built by {@link #channel(String)}. */
  String channelOf(String subject) {
    if (!subject.startsWith(channelPrefix)) {
      throw new IllegalArgumentException("not a channel subject: " + subject);
    }
    String token = subject.substring(channelPrefix.length());
    if (token.indexOf('%') < 0) {
      return token;
    }
    byte[] out = new byte[token.length()];
    int n = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '%' && i + 2 < token.length()) {
        out[n++] = (byte) Integer.parseInt(token, i + 1, i + 3, 16);
        i += 2;
      } else {
        out[n++] = (byte) c;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static boolean safe(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_-=@,;:#$/+".indexOf(c) >= 0;
  }
}
