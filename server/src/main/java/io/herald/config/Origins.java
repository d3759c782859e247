package io.herald.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of one {@code allowedOrigins} entry: {@code "*"}, or an origin as a browser sends it
 * in the {@code Origin} header, {@code scheme://host[:port]}: lower case, no path, no trailing
 * slash, no default port. Entries are compared to the header byte for byte, so an entry a browser
 * can never send is refused here rather than silently never matching.
 */
final class Origins {

  private static final Pattern SHAPE = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)");
  private static final Pattern AUTHORITY =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?");
  private static final String ALLOWED =
      "use \"*\" or scheme://host[:port] (e.g. https://app.example.com)";

  private Origins() {}

  /** Null when {@code origin} is fine, else what is wrong with it and what is allowed. */
  static String problem(String origin) {
    if (origin.equals("*")) {
      return null;
    }
    String q = Scalars.quote(origin);
    if (origin.contains("*")) {
      return q + " has a wildcard; only \"*\" alone (every origin) is supported";
    }
    Matcher m = SHAPE.matcher(origin);
    if (!m.matches()) {
      return q + " is not an origin; " + ALLOWED;
    }
    if (!m.group(3).isEmpty()) {
      return q + " has a path; an origin is scheme://host[:port] with no path or trailing slash";
    }
    Matcher a = AUTHORITY.matcher(m.group(2));
    if (!a.matches()) {
      return q + " is not an origin; " + ALLOWED;
    }
    if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
      return q + " has upper-case letters; browsers send origins in lower case, write it so";
    }
    if (a.group(2) != null) {
      int port = Integer.parseInt(a.group(2));
      if (port < 1 || port > 65535) {
        return q + " has port " + port + "; allowed 1-65535";
      }
      String scheme = m.group(1);
      if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
        return q
            + " names the default port, which browsers leave out; write "
            + scheme
            + "://"
            + a.group(1);
      }
    }
    return null;
  }
}
