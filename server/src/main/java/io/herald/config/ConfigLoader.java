package io.herald.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a {@link HeraldConfig}: the record defaults, overridden by a YAML (or JSON) file,
 * overridden by {@code HERALD_*} environment variables, then validated. Command-line flags such as
 * {@code --port} come last: the caller applies them to the result (e.g. {@link
 * HeraldConfig#withPort}) and calls {@link #validate} again.
 *
 * <p>File keys are the record component names, nested as the records are ({@code
 * client.pingInterval}); a key that is absent or empty keeps its default; an unknown key is an
 * error. Every error is a {@link ConfigException} whose message names the key, says what is wrong
 * and what is allowed. The syntax of every key is in {@code docs/config.md}.
 *
 * <p>Stateless and thread-safe; the environment is passed in (a {@code Map}) so that tests never
 * touch the real one.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Reads {@code file}, applies {@code env} and validates.
   *
   * @param file a YAML or JSON file; null for no file (defaults and environment only)
   * @param env the environment, usually {@link System#getenv()}; only {@code HERALD_*} variables
   *     that name a key are used
   * @throws ConfigException when the file is missing or unreadable, not YAML, has an unknown key
   *     or a value of the wrong type, or the result breaks a rule
   */
  public static HeraldConfig load(Path file, Map<String, String> env) {
    if (file == null) {
      return validate(fromEnv(HeraldConfig.defaults(), env));
    }
    return parse(read(file), file.toString(), env);
  }

  /**
   * Like {@link #load} for text already in memory.
   *
   * @param text YAML or JSON
   * @param source the name used in messages; a name ending in {@code .json} selects the JSON parser
   */
  public static HeraldConfig parse(String text, String source, Map<String, String> env) {
    JsonNode tree = ConfigParser.parse(text, source);
    HeraldConfig defaults = HeraldConfig.defaults();
    HeraldConfig fromFile =
        tree.isMissingNode() ? defaults : TreeMapper.read(HeraldConfig.class, tree, defaults, "");
    return validate(fromEnv(fromFile, env));
  }

  /**
   * Applies the {@code HERALD_*} variables of {@code env} to {@code base}, without validating.
   * Every scalar key has a variable: its key path in upper snake case, {@code
   * client.pingInterval} as {@code HERALD_CLIENT_PING_INTERVAL}; {@code allowedOrigins} is
   * comma-separated; {@code namespaces} is file-only. Empty and unknown variables are ignored.
   *
   * @throws ConfigException when a variable's value has the wrong type for its key
   */
  public static HeraldConfig fromEnv(HeraldConfig base, Map<String, String> env) {
    return EnvOverrides.apply(base, env);
  }

  /**
   * Checks every rule (ranges, formats, files that must exist, keys that go together); also for
   * configs built in memory, such as the dev mode's.
   *
   * @return {@code config} itself
   * @throws ConfigException naming the first key, in file order, that breaks a rule
   */
  public static HeraldConfig validate(HeraldConfig config) {
    return ConfigValidator.validate(config);
  }

  /**
   * Every environment variable that sets a key, mapped to that key's path, in file order: {@code
   * HERALD_PORT -> port}, ..., {@code HERALD_CLIENT_PING_INTERVAL -> client.pingInterval}.
   */
  public static Map<String, String> environmentVariables() {
    return EnvOverrides.VARIABLES;
  }

  /** The variable that sets {@code keyPath}: {@code token.hmacSecret} gives {@code
   * HERALD_TOKEN_HMAC_SECRET}. */
  public static String environmentVariable(String keyPath) {
    return EnvOverrides.variable(keyPath);
  }

  private static String read(Path file) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw ConfigException.file(source, "is a directory; give the path of a YAML file");
    }
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw ConfigException.file(source, "not found");
    } catch (AccessDeniedException e) {
      throw ConfigException.file(source, "cannot be read; permission denied");
    } catch (CharacterCodingException e) {
      throw ConfigException.file(source, "is not UTF-8 text");
    } catch (IOException e) {
      throw ConfigException.file(source, "cannot be read; " + e.getMessage());
    }
  }
}
