package io.herald.cli;

import io.herald.auth.TokenMinter;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herald dev}: a node on embedded defaults for trying Herald out, with a fresh secret and
 * API key, a sample token and a sample curl publish printed at start.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "Run Herald for development: in-memory engine, generated secrets, open namespaces.")
final class DevCommand implements Callable<Integer> {

  static final String SAMPLE_USER = "dev-user";

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "Log lines as text (default) or json (one JSON object per line).")
  LogFormat logFormat;

  @Option(names = {"-p", "--port"}, description = "Port to listen on (default ${DEFAULT-VALUE}).")
  int port = HeraldConfig.DEFAULT_PORT;

  @Override
  public Integer call() {
    HeraldConfig config = ConfigLoader.validate(DevConfig.create(port, System.getenv()));
    TokenMinter minter = new TokenMinter(config.token().hmacSecret(), Clock.systemUTC());
    String token = minter.connectionToken(SAMPLE_USER, Duration.ofHours(24), "{\"name\":\"Dev User\"}", List.of());
    HeraldServer server =
        ServeCommand.run(config, HeraldServer.Options.defaults().withPageToken(token), null);
    String base = "http://localhost:" + server.port();
    System.out.println(DevBanner.text(config, base, token));
    return 0;
  }
}
