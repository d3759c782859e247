package io.herald.config;

import java.net.URI;

/**
 * URLs as they may appear in logs and messages: without the credentials a URL can carry. The
 * user-info part ({@code user:password@}) becomes {@code ***@}, and the query and fragment (where
 * API keys and tokens travel) become {@code ?***}; scheme, host, port and path stay, so an
 * operator still sees which server was meant.
 */
public final class SafeUrl {

  private SafeUrl() {}

  /**
   * The loggable form of {@code url}; a text that is not a URL is hidden entirely unless it has
   * no {@code @}, {@code ?} or {@code #}.
   *
   * @param url any text; null gives {@code "null"}
   */
  public static String of(String url) {
    if (url == null) {
      return "null";
    }
    try {
      return of(new URI(url));
    } catch (Exception e) {
      return url.matches("[^@?#]*") ? url : "***";
    }
  }

  /** The loggable form of {@code uri}, as {@link #of(String)}. */
  public static String of(URI uri) {
    if (uri == null) {
      return "null";
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      String text = uri.toString();
      return text.matches("[^@?#]*") ? text : "***";
    }
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append("://");
    } else {
      out.append("//");
    }
    String authority = uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    out.append(at >= 0 ? "***@" + authority.substring(at + 1) : authority);
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      out.append("?***");
    }
    return out.toString();
  }
}
