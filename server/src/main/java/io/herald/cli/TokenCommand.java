package io.herald.cli;

import io.herald.auth.TokenMinter;
import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.Durations;
import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herald token}: mints an HS256 token with the config's {@code token.hmacSecret}. With
 * {@code --channel} it is a subscription token for that (private) channel; otherwise a connection
 * token, optionally with server-side {@code --subscribe} channels.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Mint an HS256 connection token (or, with --channel, a subscription token).")
final class TokenCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, defaultValue = "herald.yaml", description = "Config file with token.hmacSecret (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = {"-u", "--user"}, required = true, description = "User id (the sub claim).")
  String user;

  @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime, e.g. 90s, 15m, 1h, 7d; 0 for no expiry (default ${DEFAULT-VALUE}).")
  String ttl;

  @Option(names = "--channel", description = "Mint a subscription token for this channel instead.")
  String channel;

  @Option(names = "--info", description = "JSON for the info claim, e.g. '{\"name\":\"Ann\"}'.")
  String info;

  @Option(names = "--subscribe", description = "Channel to subscribe server-side at connect (repeatable).")
  List<String> subscribe = new ArrayList<>();

  @Override
  public Integer call() {
    HeraldConfig loaded;
    Duration lifetime;
    try {
      loaded = ConfigLoader.load(config, System.getenv());
      lifetime = Durations.parse(ttl);
    } catch (ConfigException e) {
      System.err.println("herald: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("herald: --ttl: " + e.getMessage());
      return 1;
    }
    String secret = loaded.token().hmacSecret();
    if (secret == null) {
      System.err.println("herald: token.hmacSecret: not set in " + config + "; HS256 tokens need it");
      return 1;
    }
    TokenMinter minter = new TokenMinter(secret, Clock.systemUTC());
    Duration expiry = lifetime.isZero() ? null : lifetime;
    try {
      System.out.println(channel == null
          ? minter.connectionToken(user, expiry, info, subscribe)
          : minter.subscriptionToken(user, channel, expiry));
    } catch (IllegalArgumentException e) {
      System.err.println("herald: " + e.getMessage());
      return 1;
    }
    return 0;
  }
}
