package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code herald serve} without {@code --config}: configured by {@code HERALD_*} variables alone;
 * a missing secret is an error naming its variable; the demo page is off unless asked for.
 */
class ServeEnvOnlyTest {

  private static final String SECRET = "env-only-secret-0123456789abcdef0123456789";
  private static final String API_KEY = "env-only-api-key-0123456789";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_PORT", "0");
    env.put("HERALD_ADDRESS", "127.0.0.1");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /** Runs {@code herald serve ARGS} with {@code env}; returns status and stdout plus stderr. */
  private static String[] serve(Map<String, String> env, String... args) {
    return command("serve", env, args);
  }

  /** Runs {@code herald NAME ARGS} with {@code env}; returns status and stdout plus stderr. */
  private static String[] command(String name, Map<String, String> env, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == ServeCommand.class) {
          ServeCommand serve = new ServeCommand();
          serve.env = env;
          return cls.cast(serve);
        }
        if (cls == CheckConfigCommand.class) {
          CheckConfigCommand check = new CheckConfigCommand();
          check.env = env;
          return cls.cast(check);
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
    StringWriter err = new StringWriter();
    PrintStream saved = System.err;
    PrintStream savedOut = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = new CommandLine(new HeraldCommand(), factory);
      cli.setErr(new PrintWriter(err, true));
      String[] all = new String[args.length + 1];
      all[0] = name;
      System.arraycopy(args, 0, all, 1, args.length);
      int status = cli.execute(all);
      return new String[] {
        String.valueOf(status), err + bytes.toString(StandardCharsets.UTF_8)
      };
    } finally {
      System.setErr(saved);
      System.setOut(savedOut);
    }
  }

  @Test
  void missingApiKeyIsAnErrorNamingTheVariable() {
    String[] result = serve(env("HERALD_TOKEN_HMAC_SECRET", SECRET));
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1]).contains("HERALD_API_KEY is not set").contains("--config");
  }

  @Test
  void missingTokenKeyIsAnErrorNamingTheVariable() {
    String[] result = serve(env("HERALD_API_KEY", API_KEY));
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1]).contains("HERALD_TOKEN_HMAC_SECRET is not set");
    assertThatThrownBy(() -> EnvOnlyConfig.load(env("HERALD_API_KEY", API_KEY)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HERALD_TOKEN_JWKS_URL")
        .hasMessageContaining("HERALD_CLIENT_ALLOW_ANONYMOUS");
  }

  @Test
  void aBadVariableIsNamedAndNoSecretIsQuoted() {
    String[] result = serve(env("HERALD_API_KEY", "short", "HERALD_TOKEN_HMAC_SECRET", SECRET));
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1]).contains("api.key").doesNotContain(SECRET);
  }

  @Test
  void checkconfigWithoutAFileChecksTheVariables() {
    String[] missing = command("checkconfig", env("HERALD_TOKEN_HMAC_SECRET", SECRET));
    assertThat(missing[0]).isEqualTo("1");
    assertThat(missing[1]).contains("HERALD_API_KEY is not set");
    String[] valid = command("checkconfig",
        env("HERALD_TOKEN_HMAC_SECRET", SECRET, "HERALD_API_KEY", API_KEY));
    assertThat(valid[0]).isEqualTo("0");
    assertThat(valid[1]).contains("config from HERALD_* variables is valid");
  }

  @Test
  void anonymousOnlyNeedsNoTokenKey() {
    HeraldConfig config = EnvOnlyConfig.load(
        env("HERALD_API_KEY", API_KEY, "HERALD_CLIENT_ALLOW_ANONYMOUS", "true"));
    assertThat(config.token().anyKey()).isFalse();
  }

  @Test
  void variablesAloneRunAServerWithoutTheDemo() throws Exception {
    HeraldConfig config = EnvOnlyConfig.load(env(
        "HERALD_API_KEY", API_KEY, "HERALD_TOKEN_HMAC_SECRET", SECRET,
        "HERALD_DEFAULT_NAMESPACE_ALLOW_SUBSCRIBE_FOR_CLIENT", "true"));
    assertThat(config.api().key()).isEqualTo(API_KEY);
    assertThat(config.demo().enabled()).isFalse();
    try (HeraldServer server = HeraldServer.start(config)) {
      String base = "http://127.0.0.1:" + server.port();
      assertThat(get(base + "/health").statusCode()).isEqualTo(200);
      assertThat(get(base + "/").statusCode()).isEqualTo(404);
      assertThat(get(base + "/demo/app.js").statusCode()).isEqualTo(404);
      HttpResponse<String> published = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(base + "/api/publish"))
              .header("X-API-Key", API_KEY)
              .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"news\",\"data\":{}}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(published.statusCode()).isEqualTo(200);
      assertThat(published.body()).contains("\"result\"");
    }
  }

  @Test
  void theDemoIsServedWhenAsked() throws Exception {
    HeraldConfig config = EnvOnlyConfig.load(env(
        "HERALD_API_KEY", API_KEY, "HERALD_TOKEN_HMAC_SECRET", SECRET,
        "HERALD_DEMO_ENABLED", "true"));
    try (HeraldServer server = HeraldServer.start(config)) {
      HttpResponse<String> page = get("http://127.0.0.1:" + server.port() + "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Herald");
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
