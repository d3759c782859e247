package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import java.util.Map;

/**
 * The configuration of {@code herald serve} without {@code --config}: the defaults overridden by
 * {@code HERALD_*} variables alone, as containers are configured. Besides the usual rules, the
 * secrets a server cannot work without must be set, and a missing one is an error naming its
 * variable: {@code HERALD_API_KEY} (the server API), and a token key ({@code
 * HERALD_TOKEN_HMAC_SECRET} or another key source) unless {@code HERALD_CLIENT_ALLOW_ANONYMOUS} is
 * true. Named namespaces have no variables: a node run this way has the default namespace only.
 */
final class EnvOnlyConfig {

  private EnvOnlyConfig() {}

  /**
   * Loads and checks the config from {@code env}.
   *
   * @throws ConfigException naming the variable that is missing or wrong
   */
  static HeraldConfig load(Map<String, String> env) {
    HeraldConfig config = ConfigLoader.load(null, env);
    if (config.api().key() == null) {
      throw missing("api.key", "the server API key (at least 16 characters)");
    }
    if (!config.token().anyKey() && !config.client().allowAnonymous()) {
      throw new ConfigException(
          "token.hmacSecret",
          ConfigLoader.environmentVariable("token.hmacSecret")
              + " is not set: without --config, herald serve reads its config from HERALD_*"
              + " variables and needs a key to verify connection tokens: the HMAC secret (at least"
              + " 32 bytes), or " + ConfigLoader.environmentVariable("token.rsaPublicKey") + ", "
              + ConfigLoader.environmentVariable("token.ecdsaPublicKey") + " or "
              + ConfigLoader.environmentVariable("token.jwksUrl")
              + " (or allow anonymous clients with "
              + ConfigLoader.environmentVariable("client.allowAnonymous") + "=true)");
    }
    return config;
  }

  private static ConfigException missing(String key, String what) {
    return new ConfigException(
        key,
        ConfigLoader.environmentVariable(key)
            + " is not set: without --config, herald serve reads its config from HERALD_*"
            + " variables and needs " + what + " (key " + key + ")");
  }
}
