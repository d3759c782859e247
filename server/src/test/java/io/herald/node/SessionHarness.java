package io.herald.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.auth.TokenMinter;
import io.herald.auth.TokenVerifier;
import io.herald.config.ApiConfig;
import io.herald.config.ClientConfig;
import io.herald.config.HeraldConfig;
import io.herald.config.NamespaceConfig;
import io.herald.config.TokenConfig;
import io.herald.engine.Engine;
import io.herald.engine.memory.MemoryEngine;
import io.herald.protocol.jsonrpc.JsonRpcDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A node on a fake loop and clock, with helpers to drive sessions through JSON frames. */
final class SessionHarness {

  static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
  static final ObjectMapper JSON = new ObjectMapper();

  final FakeLoop loop = new FakeLoop(Instant.parse("2026-01-01T00:00:00Z"));
  final TokenMinter minter = new TokenMinter(SECRET, loop.clock());
  final Node node;
  private final JsonRpcDecoder decoder = new JsonRpcDecoder(64, 100);

  /**
   * @param engine makes the engine from the harness's fake clock
   */
  SessionHarness(
      ClientConfig client, Function<Clock, Engine> engine, NamespaceConfig... namespaces) {
    HeraldConfig config =
        new HeraldConfig(
            0,
            "127.0.0.1",
            List.of("*"),
            new TokenConfig(SECRET, null, null, null, Duration.ofMinutes(5), null, null),
            new ApiConfig("api-key-0123456789"),
            client,
            NamespaceConfig.permissive(""),
            List.of(namespaces));
    node =
        new Node(
            config,
            TokenVerifier.create(config.token(), loop.clock()),
            engine.apply(loop.clock()),
            io.herald.protocol.jsonrpc.JsonRpcProtocol.withDefaults(),
            loop.clock(),
            "test");
  }

  SessionHarness(NamespaceConfig... namespaces) {
    this(ClientConfig.defaults(), MemoryEngine::create, namespaces);
  }

  /** A client with its fake transport and session. */
  final class Client {
    final FakeTransport transport = new FakeTransport(loop);
    final ClientSession session;
    private int nextId = 1;

    Client() {
      this.session = node.open(transport);
    }

    /** A client whose session speaks {@code protocol} (its frames must be JSON). */
    Client(io.herald.node.protocol.Protocol protocol) {
      this.session = node.open(transport, protocol);
    }

    /** Sends a request and returns the id used. */
    int send(String method, String paramsJson) {
      int id = nextId++;
      raw("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
          + paramsJson + "}");
      return id;
    }

    void raw(String frame) {
      handleOnly(frame);
      loop.runPending();
    }

    /** Hands {@code frame} to the session without running the loop's other tasks. */
    void handleOnly(String frame) {
      session.handle(decoder.decode(frame.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends a request and returns its response object. */
    JsonNode call(String method, String paramsJson) {
      int id = send(method, paramsJson);
      for (JsonNode msg : messages()) {
        if (msg.has("id") && msg.get("id").asInt() == id) {
          return msg;
        }
      }
      throw new AssertionError("no response to " + method + " id " + id);
    }

    /** Connects with a token for {@code user}. */
    JsonNode connect(String user) {
      return call("connect", "{\"token\":\"" + minter.connectionToken(user, null, null, List.of())
          + "\"}");
    }

    /** Everything written since the last call, parsed; batches are flattened. */
    List<JsonNode> messages() {
      List<JsonNode> out = new ArrayList<>();
      for (String text : transport.drain()) {
        try {
          JsonNode node = JSON.readTree(text);
          if (node.isArray()) {
            node.forEach(out::add);
          } else {
            out.add(node);
          }
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }
      return out;
    }
  }

  Client client() {
    Client c = new Client();
    loop.runPending();
    return c;
  }

  /** A client whose session speaks {@code protocol}. */
  Client client(io.herald.node.protocol.Protocol protocol) {
    Client c = new Client(protocol);
    loop.runPending();
    return c;
  }

  static ClientConfig anonymousAllowed() {
    return ClientConfig.defaults().with("allowAnonymous", true);
  }

  static ClientConfig withChannelLimit(int limit) {
    return ClientConfig.defaults().with("channelLimit", limit);
  }
}
