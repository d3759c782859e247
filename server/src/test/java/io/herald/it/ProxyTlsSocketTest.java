package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.herald.config.NamespaceConfig;
import io.herald.config.ProxyConfig;
import io.herald.config.ProxyEndpoint;
import io.herald.server.HeraldServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code https://} backend whose certificate comes from a private CA: trusted through {@code
 * proxy.tlsCaFile}, refused (113) without it, for whole JSON answers (publish) and rpc alike.
 */
class ProxyTlsSocketTest extends SocketTestBase {

  @TempDir Path dir;

  private String httpsBackend(TestCertificates certs) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    char[] password = "changeit".toCharArray();
    try (InputStream in = Files.newInputStream(dir.resolve("backend.p12"))) {
      store.load(in, password);
    }
    KeyManagerFactory keys =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = "{\"result\":{\"data\":{\"over\":\"tls\"}}}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    track(() -> server.stop(0));
    return "https://localhost:" + server.getAddress().getPort();
  }

  private ProxyConfig proxy(String base, String caFile) {
    Duration timeout = Duration.ofSeconds(5);
    return new ProxyConfig(
        ProxyEndpoint.off(),
        new ProxyEndpoint(base + "/rpc", timeout, ProxyEndpoint.DEFAULT_HEADERS),
        new ProxyEndpoint(base + "/publish", timeout, ProxyEndpoint.DEFAULT_HEADERS),
        ProxyEndpoint.off(),
        false,
        ProxyConfig.DEFAULT_MAX_RESPONSE_SIZE,
        ProxyConfig.DEFAULT_MAX_STREAMS).withTlsCaFile(caFile);
  }

  @Test
  void backendCertificateIsTrustedThroughTheCaFile() throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "backend");
    String base = httpsBackend(certs);
    HeraldServer server = start(TestConfig.create()
        .proxy(proxy(base, certs.certFile().toString()))
        .namespace(NamespaceConfig.defaults("vetted").withProxies(true, false)));
    WsClient client = connected(server, "ann");
    JsonNode result = client.ok("rpc", "{\"method\":\"echo\"}");
    assertThat(result.get("data").get("over").asText()).isEqualTo("tls");
    client.ok("publish", "{\"channel\":\"vetted:tls\",\"data\":{\"n\":1}}");
  }

  @Test
  void backendCertificateOfAnUnknownCaFailsWith113() throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "backend");
    String base = httpsBackend(certs);
    HeraldServer server = start(TestConfig.create().proxy(proxy(base, null)));
    WsClient client = connected(server, "ann");
    JsonNode response = client.call("rpc", "{\"method\":\"echo\"}");
    assertThat(response.get("error").get("code").asInt()).isEqualTo(113);
  }
}
