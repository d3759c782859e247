package io.herald.protocol.jsonrpc;

import io.herald.config.ClientConfig;
import io.herald.node.protocol.FrameDecoder;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.ProtocolEncoder;
import java.util.EnumSet;
import java.util.Set;

/**
 * Herald's own protocol, JSON-RPC 2.0 (docs/protocol.md), behind the node's {@link Protocol}
 * seam: every feature, Herald's close codes as they are. Immutable and thread-safe.
 */
public final class JsonRpcProtocol implements Protocol {

  /** The name in logs and metrics. */
  public static final String NAME = "jsonrpc";

  /** Where clients open JSON-RPC WebSockets. */
  public static final String WEBSOCKET_PATH = "/connection/websocket";

  private static final Set<Feature> FEATURES = EnumSet.allOf(Feature.class);

  private final JsonRpcEncoder encoder = new JsonRpcEncoder();
  private final JsonRpcDecoder decoder;

  /** The protocol with {@code client}'s decoding limits. */
  public JsonRpcProtocol(ClientConfig client) {
    this(JsonRpcDecoder.forClients(client));
  }

  /** The protocol with {@code decoder}. */
  public JsonRpcProtocol(JsonRpcDecoder decoder) {
    this.decoder = decoder;
  }

  /** The protocol with default decoding limits (depth 64, batches of 100), for tests and tools. */
  public static JsonRpcProtocol withDefaults() {
    return new JsonRpcProtocol(new JsonRpcDecoder(64, 100));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProtocolEncoder encoder() {
    return encoder;
  }

  @Override
  public FrameDecoder decoder() {
    return decoder;
  }

  @Override
  public Set<Feature> features() {
    return FEATURES;
  }
}
