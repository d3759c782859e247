package io.herald.node;

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
