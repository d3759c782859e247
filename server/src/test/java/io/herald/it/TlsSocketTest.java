package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.TlsConfig;
import io.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code https://} and {@code wss://} on one port, with a test certificate, and its reload. */
class TlsSocketTest extends SocketTestBase {

  @TempDir Path dir;

  private HeraldServer startTls(TestCertificates certs) throws Exception {
    Path cert = dir.resolve("live.crt");
    Path key = dir.resolve("live.key");
    Files.copy(certs.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(certs.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    return start(TestConfig.create().build()
        .with("tls", new TlsConfig(cert.toString(), key.toString())));
  }

  private HttpClient client(TestCertificates trusted) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(trusted.trustingClient()).connectTimeout(WsClient.TIMEOUT).build();
    track(http::shutdownNow);
    return http;
  }

  @Test
  void httpsAndWssOnTheSamePort() throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "first");
    HeraldServer server = startTls(certs);
    HttpClient http = client(certs);
    HttpResponse<String> health = http.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/health"))
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    WsClient client = track(WsClient.open(http,
        URI.create("wss://127.0.0.1:" + server.port() + "/connection/websocket")));
    assertThat(client.ok("connect", WsClient.json("token", token("ann"))).get("user").asText())
        .isEqualTo("ann");
    client.ok("subscribe", WsClient.json("channel", "chat:tls"));
    api(server);
    assertThatThrownBy(() -> newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
            .build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void aReloadServesTheNewCertificateToNewConnectionsAndKeepsOpenOnes() throws Exception {
    TestCertificates first = TestCertificates.create(dir, "first");
    TestCertificates second = TestCertificates.create(dir, "second");
    HeraldServer server = startTls(first);
    WsClient open = track(WsClient.open(client(first),
        URI.create("wss://127.0.0.1:" + server.port() + "/connection/websocket")));
    open.ok("connect", WsClient.json("token", token("ann")));
    assertThat(peerSubject(server, first.trustingClient())).isEqualTo("CN=first");

    Files.copy(second.certFile(), dir.resolve("live.crt"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(second.keyFile(), dir.resolve("live.key"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(server.reloadTls()).isTrue();
    assertThat(peerSubject(server, second.trustingClient())).isEqualTo("CN=second");
    assertThat(open.ok("subscribe", WsClient.json("channel", "chat:still-open"))).isNotNull();

    Files.writeString(dir.resolve("live.key"), "not a key");
    assertThat(server.reloadTls()).isFalse();
    assertThat(peerSubject(server, second.trustingClient())).isEqualTo("CN=second");
  }

  private static String peerSubject(HeraldServer server, SSLContext context) throws Exception {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket("127.0.0.1", server.port())) {
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
          .getSubjectX500Principal().getName();
    }
  }
}
