package io.herald.protocol.uni;

import io.herald.node.protocol.DecodedFrame;
import io.herald.node.protocol.FrameDecoder;
import io.herald.node.protocol.ProtocolEncoder;
import io.herald.node.protocol.Protocol;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The uni endpoints as the node sees them: server to client only, so nothing to decode (the
 * adapter makes the one {@code connect} itself); server-side subscriptions and recovery, no
 * server pings that need answers (the endpoints send their own keep-alives), no presence
 * notifications. Herald's close codes as they are. Immutable and thread-safe.
 */
public final class UniProtocol implements Protocol {

  /** The name in logs and metrics. */
  public static final String NAME = "uni";

  private static final Set<Feature> FEATURES =
      EnumSet.of(Feature.SERVER_SUBSCRIBE, Feature.RECOVERY);

  private final UniEncoder encoder = new UniEncoder();

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
    return bytes -> new DecodedFrame(false, List.of()); // the adapter sends the node its commands
  }

  @Override
  public Set<Feature> features() {
    return FEATURES;
  }
}
