package io.herald.node;

import io.herald.config.ProxyConfig;
import io.herald.config.ProxyEndpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which handshake headers the configured proxies forward, so transports keep only those. */
final class HandshakeHeaders {

  private HandshakeHeaders() {}

  /** The lower-case names forwarded by at least one enabled endpoint. */
  static Set<String> wanted(ProxyConfig proxy) {
    Set<String> names = new HashSet<>();
    for (ProxyEndpoint e : List.of(proxy.connect(), proxy.rpc(), proxy.publish(), proxy.subscribe())) {
      if (e.enabled()) {
        e.headers().forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
      }
    }
    return Set.copyOf(names);
  }
}
