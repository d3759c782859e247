package io.herald.bench.peer;

import io.herald.bench.protocol.BareProtocol;
import io.herald.bench.protocol.HeraldProtocol;
import io.herald.bench.protocol.PusherProtocol;
import io.herald.bench.protocol.NatsProtocol;
import io.herald.bench.protocol.SocketIoProtocol;
import io.herald.bench.scenario.Target;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Starts the servers under test as child processes on loopback, each on fresh ports with a
 * generated config written to the run directory:
 *
 * <ul>
 *   <li>{@code herald}: {@code java -jar server/target/herald.jar serve --config herald.yaml}, with
 *       a fresh HMAC secret and API key and a namespace {@code bench} open to clients;
 *   <li>{@code herald-nobatch}: the same Herald, its clients connecting without {@code batch}
 *       (one WebSocket message per delivery instead of one array per event-loop pass);
 *   <li>{@code herald-history}: the same, with the {@code bench} namespace keeping history (100
 *       publications for 5 minutes), to measure what the history append costs the publish path;
 *   <li>{@code herald-cluster}: two such Herald processes sharing the machine's Redis (engine
 *       {@code redis}); subscribers are spread over both, publishes go to the first;
 *   <li>{@code bare}: this jar's {@link BareBroadcaster} ({@code broadcaster} command);
 *   <li>{@code nats}: {@code nats-server -c nats.conf} with its {@code websocket} listener;
 *   <li>{@code socketio}: {@code node peers/socketio/server.js} (Socket.IO 4, WebSocket only).
 * </ul>
 *
 * JVM servers get the same flags as the {@code ./herald} launcher (native access; on JDK 24+
 * {@code --sun-misc-unsafe-memory-access=allow}) plus {@code javaOpts}. With a CPU list, each
 * command runs under {@code taskset -c}.
 */
public final class ServerLauncher {

  /** Every server this launcher knows, in report order. */
  public static final List<String> KNOWN =
      List.of("herald", "herald-nobatch", "herald-history", "herald-cluster", "herald-pusher", "bare", "nats",
          "socketio");

  /** Where the {@code herald-cluster} nodes meet: the machine's Redis. */
  static final InetSocketAddress REDIS = new InetSocketAddress("127.0.0.1", 6379);

  private final Path runDir;
  private final Path heraldJar;
  private final Path peersDir;
  private final List<String> javaOpts;
  private final String serverCpus;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param serverCpus a taskset CPU list for the servers, or null to leave them unpinned
   */
  public ServerLauncher(
      Path runDir, Path heraldJar, Path peersDir, List<String> javaOpts, String serverCpus) {
    this.runDir = runDir;
    this.heraldJar = heraldJar;
    this.peersDir = peersDir;
    this.javaOpts = List.copyOf(javaOpts);
    this.serverCpus = serverCpus;
  }

  /** Why {@code server} cannot be started on this machine, or null when it can. */
  public String unavailable(String server) {
    return switch (server) {
      case "herald", "herald-nobatch", "herald-history", "herald-pusher" -> Files.isRegularFile(heraldJar) ? null : heraldJar + " not found (build with ./mvnw -q -DskipTests package)";
      case "herald-cluster" -> {
        if (!Files.isRegularFile(heraldJar)) {
          yield heraldJar + " not found (build with ./mvnw -q -DskipTests package)";
        }
        yield listening(REDIS) ? null : "no Redis on " + REDIS + " (redis-server --port 6379)";
      }
      case "bare" -> null;
      case "nats" -> natsServer() != null ? null : "nats-server not found (Debian: apt-get install nats-server)";
      case "socketio" -> {
        if (onPath("node") == null) {
          yield "node not found (Debian: apt-get install nodejs npm)";
        }
        yield Files.isDirectory(peersDir.resolve("socketio/node_modules/socket.io"))
            ? null
            : "socket.io not installed (npm install --prefix " + peersDir.resolve("socketio") + ")";
      }
      default -> "unknown server " + server + "; known: " + KNOWN;
    };
  }

  /** Starts {@code server} and waits until it listens. */
  public RunningServer start(String server) throws IOException {
    return switch (server) {
      case "herald" -> herald(false);
      case "herald-nobatch" -> heraldNode("herald-nobatch", "herald-nobatch", false, "",
          newSecret(), newApiKey());
      case "herald-history" -> herald(true);
      case "herald-cluster" -> heraldCluster(2);
      case "herald-pusher" -> heraldNode("herald-pusher", "herald-pusher", false,
          PusherProtocol.CONFIG, newSecret(), newApiKey());
      case "bare" -> bare();
      case "nats" -> nats();
      case "socketio" -> socketIo();
      default -> throw new IllegalArgumentException("unknown server " + server);
    };
  }

  /**
   * Starts Herald with {@code extraYaml} appended to the generated config (top-level keys that
   * the generated part does not set, such as {@code proxy:}).
   */
  public RunningServer startHerald(String extraYaml) throws IOException {
    return herald(false, extraYaml);
  }

  private RunningServer herald(boolean history) throws IOException {
    return herald(history, "");
  }

  private RunningServer herald(boolean history, String extraYaml) throws IOException {
    String server = history ? "herald-history" : "herald";
    return heraldNode(server, server, history, extraYaml, newSecret(), newApiKey());
  }

  /**
   * Starts {@code nodes} Herald nodes sharing the machine's Redis (engine {@code redis}, a fresh
   * key prefix per run) and one secret and API key, as one server whose target lists every node.
   */
  private RunningServer heraldCluster(int nodes) throws IOException {
    String secret = newSecret();
    String apiKey = newApiKey();
    String engine = """
        engine:
          type: redis
          redis:
            address: "redis://%s:%d"
            prefix: "herald-bench-%s"
        """.formatted(REDIS.getHostString(), REDIS.getPort(), newApiKey().substring(0, 8));
    List<RunningServer> started = new ArrayList<>();
    try {
      for (int i = 1; i <= nodes; i++) {
        started.add(heraldNode("herald-cluster-" + i, "herald-cluster", false, engine, secret,
            apiKey));
      }
    } catch (IOException | RuntimeException e) {
      started.forEach(RunningServer::close);
      throw e;
    }
    return started.get(0).withCompanions(started.subList(1, started.size()));
  }

  /**
   * Starts one Herald process with a generated config ({@code file}.yaml, log {@code file}.log).
   *
   * @param server the name results carry
   * @param extraYaml top-level keys appended to the generated config
   */
  private RunningServer heraldNode(String file, String server, boolean history, String extraYaml,
      String secret, String apiKey) throws IOException {
    int port = freePort();
    Path config = runDir.resolve(file + ".yaml");
    Files.writeString(
        config,
        """
        # Written by herald-bench for one run.
        port: %d
        address: "127.0.0.1"
        token:
          hmacSecret: "%s"
        api:
          key: "%s"
        client:   # a load test: one address opens thousands of connections and publishes fast
          rateLimit: 0
          userConnectionLimit: 0
          connectionRatePerAddress: 0
          connectionLimit: 0
        namespaces:
          - name: "%s"
            allowSubscribeForClient: true
            allowPublishForClient: true
            historySize: %d
            historyTtl: %s
        """
            .formatted(port, secret, apiKey, HeraldProtocol.NAMESPACE, history ? 100 : 0,
                history ? "5m" : "0s")
            + extraYaml);
    List<String> cmd = java();
    cmd.addAll(List.of("-jar", heraldJar.toString(), "serve", "--config", config.toString()));
    return RunningServer.start(
        pinned(cmd),
        runDir.resolve(file + ".log"),
        new Target(server.equals("herald-pusher") ? new PusherProtocol(apiKey)
            : new HeraldProtocol(secret, apiKey, server, !server.equals("herald-nobatch")),
            loopback(port), -1, true));
  }

  private String newSecret() {
    byte[] secretBytes = new byte[32];
    random.nextBytes(secretBytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
  }

  private String newApiKey() {
    byte[] keyBytes = new byte[16];
    random.nextBytes(keyBytes);
    return HexFormat.of().formatHex(keyBytes);
  }

  private static boolean listening(InetSocketAddress address) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(address, 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private RunningServer bare() throws IOException {
    int port = freePort();
    List<String> cmd = java();
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.herald.bench.BenchMain",
            "broadcaster",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port)));
    return RunningServer.start(
        pinned(cmd), runDir.resolve("bare.log"), new Target(new BareProtocol(), loopback(port), -1, true));
  }

  private RunningServer nats() throws IOException {
    int port = freePort();
    int wsPort = freePort();
    Path config = runDir.resolve("nats.conf");
    Files.writeString(
        config,
        """
        # Written by herald-bench for one run.
        listen: "127.0.0.1:%d"
        max_connections: 1000000
        websocket {
          listen: "127.0.0.1:%d"
          no_tls: true
          compression: false
        }
        """
            .formatted(port, wsPort));
    List<String> cmd = new ArrayList<>(List.of(natsServer(), "-c", config.toString()));
    return RunningServer.start(
        pinned(cmd), runDir.resolve("nats.log"), new Target(new NatsProtocol(), loopback(wsPort), -1, false));
  }

  private RunningServer socketIo() throws IOException {
    int port = freePort();
    Path script = peersDir.resolve("socketio/server.js");
    List<String> cmd =
        new ArrayList<>(List.of(onPath("node"), script.toString(), "--port", Integer.toString(port)));
    return RunningServer.start(
        pinned(cmd),
        runDir.resolve("socketio.log"),
        new Target(new SocketIoProtocol(), loopback(port), -1, false));
  }

  private List<String> java() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(javaOpts);
    return cmd;
  }

  private List<String> pinned(List<String> cmd) {
    if (serverCpus == null) {
      return cmd;
    }
    List<String> out = new ArrayList<>(List.of("taskset", "-c", serverCpus));
    out.addAll(cmd);
    return out;
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String natsServer() {
    String found = onPath("nats-server");
    if (found != null) {
      return found;
    }
    for (String p : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
      if (new File(p).canExecute()) {
        return p;
      }
    }
    return null;
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
