package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.NamespaceConfig;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.node.protocol.Disconnect;
import io.herald.node.protocol.Frame;
import io.herald.node.protocol.FrameDecoder;
import io.herald.node.protocol.Protocol;
import io.herald.node.protocol.ProtocolEncoder;
import io.herald.node.protocol.RequestId;
import io.herald.node.protocol.Result;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.Unsubscribe;
import io.herald.protocol.jsonrpc.JsonRpcProtocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The protocol seam: sessions of several protocols on one channel each get their protocol's
 * frame, a publication is encoded once per protocol present (never for one without subscribers
 * of the channel), a protocol's delivery filter and close-code mapping apply, and a protocol
 * without pings gets none.
 */
class ProtocolSeamTest {

  private static final NamespaceConfig FEED = NamespaceConfig.permissive("feed")
      .with("historySize", 10)
      .with("historyTtl", Duration.ofMinutes(5));

  private final SessionHarness h =
      new SessionHarness(SessionHarness.anonymousAllowed(), c -> io.herald.engine.memory
          .MemoryEngine.create(c), FEED);

  /** JSON-RPC frames, with publications renamed to {@code method} and their encodes counted. */
  private static final class Tagged implements Protocol {
    final String method;
    final AtomicInteger publications = new AtomicInteger();
    final Set<Feature> features;
    boolean excludeSender;
    private final JsonRpcProtocol base = JsonRpcProtocol.withDefaults();
    private final ProtocolEncoder encoder = new Encoder();

    Tagged(String method, Set<Feature> features) {
      this.method = method;
      this.features = features;
    }

    @Override
    public String name() {
      return method;
    }

    @Override
    public ProtocolEncoder encoder() {
      return encoder;
    }

    @Override
    public FrameDecoder decoder() {
      return base.decoder();
    }

    @Override
    public Set<Feature> features() {
      return features;
    }

    @Override
    public boolean delivers(Publication publication, String clientId) {
      return !(excludeSender && publication.info() != null
          && publication.info().client().equals(clientId));
    }

    @Override
    public Disconnect closing(Disconnect disconnect) {
      return new Disconnect(4100 + disconnect.code() % 100, "mapped " + disconnect.reason());
    }

    private final class Encoder implements ProtocolEncoder {
      private final ProtocolEncoder json = base.encoder();

      @Override
      public byte[] response(RequestId id, Result result) {
        return json.response(id, result);
      }

      @Override
      public byte[] error(RequestId id, RpcError error) {
        return json.error(id, error);
      }

      @Override
      public Frame frame(List<byte[]> responses, boolean batch) {
        return json.frame(responses, batch);
      }

      @Override
      public Frame publication(String channel, Publication publication) {
        publications.incrementAndGet();
        String text = json.publication(channel, publication).toString()
            .replace("\"publication\"", "\"" + method + "\"");
        return Frame.shared(text.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public Frame join(String channel, ClientInfo info) {
        return json.join(channel, info);
      }

      @Override
      public Frame leave(String channel, ClientInfo info) {
        return json.leave(channel, info);
      }

      @Override
      public Frame ping() {
        return json.ping();
      }

      @Override
      public Frame disconnect(Disconnect disconnect) {
        return null;
      }

      @Override
      public Frame subscribed(String channel, Result.Subscribe result) {
        return json.subscribed(channel, result);
      }

      @Override
      public Frame unsubscribed(String channel, Unsubscribe unsubscribe) {
        return json.unsubscribed(channel, unsubscribe);
      }

      @Override
      public Frame stream(RequestId id, long seq, byte[] data) {
        return json.stream(id, seq, data);
      }
    }
  }

  private SessionHarness.Client subscribed(Tagged protocol) {
    SessionHarness.Client c = h.client(protocol);
    c.call("connect", "{}");
    assertThat(c.call("subscribe", "{\"channel\":\"feed:a\"}").has("result")).isTrue();
    c.messages();
    return c;
  }

  private static List<String> methods(SessionHarness.Client c) {
    return c.messages().stream().map(m -> m.path("method").asText()).toList();
  }

  @Test
  void aPublicationIsEncodedOncePerProtocolPresentAndEachSessionGetsItsOwnProtocolsFrame() {
    Tagged one = new Tagged("one", Set.of());
    Tagged two = new Tagged("two", Set.of());
    Tagged absent = new Tagged("absent", Set.of());
    List<SessionHarness.Client> ones = List.of(subscribed(one), subscribed(one), subscribed(one));
    SessionHarness.Client twoClient = subscribed(two);
    h.client(absent).call("connect", "{}");

    h.node.publish("feed:a", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    h.loop.runPending();

    assertThat(one.publications).hasValue(1);
    assertThat(two.publications).hasValue(1);
    assertThat(absent.publications).hasValue(0);
    for (SessionHarness.Client c : ones) {
      assertThat(methods(c)).containsExactly("one");
    }
    assertThat(methods(twoClient)).containsExactly("two");
  }

  @Test
  void aFilteredPublicationIsNotWrittenButStillMovesThePositionOn() {
    Tagged two = new Tagged("two", Set.of());
    two.excludeSender = true;
    SessionHarness.Client sender = subscribed(two);

    JsonNode reply = sender.call("publish", "{\"channel\":\"feed:a\",\"data\":{\"n\":1}}");
    assertThat(reply.has("result")).isTrue();
    h.node.publish("feed:a", "{\"n\":2}".getBytes(StandardCharsets.UTF_8));
    h.loop.runPending();

    List<JsonNode> got = sender.messages();
    assertThat(got).extracting(m -> m.path("method").asText()).containsExactly("two");
    assertThat(got.get(0).at("/params/data/n").asInt()).isEqualTo(2);
    assertThat(sender.session.closed()).isFalse();
  }

  @Test
  void closeCodesAreMappedByTheProtocolAndItsNullDisconnectFrameIsNotWritten() {
    Tagged two = new Tagged("two", Set.of());
    SessionHarness.Client c = subscribed(two);

    c.session.disconnect(Disconnect.FORCE_RECONNECT);

    assertThat(c.transport.closedWith()).isEqualTo(new Disconnect(4111, "mapped force reconnect"));
    assertThat(c.messages()).isEmpty();
  }

  @Test
  void aProtocolWithoutPingsIsNeverPingedNorTimedOut() {
    Tagged quiet = new Tagged("quiet", Set.of());
    SessionHarness.Client c = subscribed(quiet);
    Tagged pinged = new Tagged("pinged", Set.of(Protocol.Feature.PING));
    SessionHarness.Client p = subscribed(pinged);

    h.loop.advance(Duration.ofMinutes(2));

    assertThat(methods(c)).doesNotContain("ping");
    assertThat(c.session.closed()).isFalse();
    assertThat(methods(p)).contains("ping");
  }
}
