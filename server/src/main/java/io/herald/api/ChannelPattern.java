package io.herald.api;

import java.util.regex.Pattern;

/**
 * A glob over channel names for API {@code channels}: {@code *} matches any run of characters,
 * {@code ?} one character; everything else is literal.
 */
final class ChannelPattern {

  private final Pattern regex;

  private ChannelPattern(Pattern regex) {
    this.regex = regex;
  }

  static ChannelPattern of(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new ChannelPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  boolean matches(String channel) {
    return regex.matcher(channel).matches();
  }
}
