package io.herald.node;

import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.RpcException;

import io.herald.config.NamespaceConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the options of a channel's namespace. Immutable and thread-safe. */
public final class Namespaces {

  private final NamespaceConfig defaultNamespace;
  private final Map<String, NamespaceConfig> byName = new HashMap<>();

  public Namespaces(NamespaceConfig defaultNamespace, List<NamespaceConfig> namespaces) {
    this.defaultNamespace = defaultNamespace;
    for (NamespaceConfig ns : namespaces) {
      byName.put(ns.name(), ns);
    }
  }

  /** Namespace label of channels in no configured namespace (from another node's config). */
  public static final String UNKNOWN_LABEL = "unknown";

  /**
   * The name of {@code channel}'s namespace for metrics labels, without parsing or allocating:
   * {@code ""} for the default namespace, a configured name, or {@link #UNKNOWN_LABEL}; so the
   * label values stay a bounded set.
   */
  public String label(String channel) {
    int start = !channel.isEmpty() && channel.charAt(0) == '$' ? 1 : 0;
    int colon = channel.indexOf(':', start);
    if (colon < 0) {
      return "";
    }
    int length = colon - start;
    for (String name : byName.keySet()) {
      if (name.length() == length && channel.regionMatches(start, name, 0, length)) {
        return name;
      }
    }
    return UNKNOWN_LABEL;
  }

  /**
   * The options of {@code channel}'s namespace.
   *
   * @throws RpcException 102 when the namespace is not configured
   */
  public NamespaceConfig of(ChannelName channel) {
    if (channel.namespace().isEmpty()) {
      return defaultNamespace;
    }
    NamespaceConfig ns = byName.get(channel.namespace());
    if (ns == null) {
      throw RpcError.UNKNOWN_CHANNEL
          .withMessage("unknown channel: no namespace \"" + channel.namespace() + "\"")
          .exception();
    }
    return ns;
  }
}
