package io.herald.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.NatsConfig;
import io.nats.client.Connection;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code broker.nats.credentialsFile} against a {@code nats-server} of the test's own that only
 * admits one NKey user: the seed file gets in, no file or another user's seed does not.
 */
class NatsCredentialsTest {

  @TempDir
  static Path dir;

  private static NatsServerProcess server;
  private static Path userSeed;
  private static Path userBareSeed;
  private static Path strangerSeed;

  @BeforeAll
  static void startServerThatAdmitsOneNkey() throws Exception {
    NKey user = NKey.createUser(null);
    userSeed = seedFile("user.creds", user);
    userBareSeed = dir.resolve("user.nk");
    Files.writeString(userBareSeed, new String(user.getSeed()) + "\n");
    strangerSeed = seedFile("stranger.nk", NKey.createUser(null));
    Path config = dir.resolve("nats.conf");
    Files.writeString(config, "authorization { users = [ { nkey: "
        + new String(user.getPublicKey()) + " } ] }\n");
    server = new NatsServerProcess(config);
    server.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** A credentials file holding only the NKey seed, as {@code nsc} writes one without a JWT. */
  static Path seedFile(String name, NKey key) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "-----BEGIN USER NKEY SEED-----\n"
        + new String(key.getSeed()) + "\n------END USER NKEY SEED------\n",
        StandardCharsets.US_ASCII);
    return file;
  }

  @Test
  void theUsersSeedGetsInInACredsBlockOrBare() throws Exception {
    for (Path file : new Path[] {userSeed, userBareSeed}) {
      NatsConfig c = config().withCredentialsFile(file.toString());
      Connection connection = NatsConnections.connect(c, "t", e -> { });
      try {
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      } finally {
        connection.close();
      }
    }
  }

  @Test
  void withoutItOrWithAnotherUsersSeedTheStartFailsNamingTheKey() {
    assertThatThrownBy(() -> NatsConnections.connect(config(), "t", e -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("broker.nats.url: cannot connect to NATS")
        .hasMessageContaining("Authorization Violation");
    NatsConfig stranger = config().withCredentialsFile(strangerSeed.toString());
    assertThatThrownBy(() -> NatsConnections.connect(stranger, "t", e -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Authorization Violation");
  }

  private static NatsConfig config() {
    return NatsConfig.defaults().withUrl(server.url());
  }
}
