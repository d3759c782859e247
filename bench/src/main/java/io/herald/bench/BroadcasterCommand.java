package io.herald.bench;

import io.herald.bench.peer.BareBroadcaster;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code broadcaster}: runs the bare WebSocket broadcaster (the ceiling peer) until killed. */
@Command(
    name = "broadcaster",
    mixinStandardHelpOptions = true,
    description = "Run the bare Netty WebSocket broadcaster (the ceiling reference) until killed.")
final class BroadcasterCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8100", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--threads", defaultValue = "0", description = "Connection event loops; 0: twice the cores.")
  int threads;

  @Override
  public Integer call() throws Exception {
    BareBroadcaster b = BareBroadcaster.start(host, port, threads);
    Runtime.getRuntime().addShutdownHook(new Thread(b::close));
    System.out.println("bare broadcaster listening on " + host + ":" + b.port() + BareBroadcaster.WS_PATH);
    b.awaitClose();
    return 0;
  }
}
