package io.herald.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of the {@code proxy} section, part of {@link ConfigValidator}. */
final class ProxyRules {

  /** An HTTP header name (RFC 9110 token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers the HTTP client sets itself or that describe the hop, never forwarded. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection", "content-length", "content-type", "expect", "host", "keep-alive",
          "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
          "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
          "sec-websocket-protocol", "http2-settings");

  private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);

  private ProxyRules() {}

  static void check(ProxyConfig p) {
    endpoint(ConfigValidator.required(p.connect(), "proxy.connect"), "proxy.connect");
    endpoint(ConfigValidator.required(p.rpc(), "proxy.rpc"), "proxy.rpc");
    endpoint(ConfigValidator.required(p.publish(), "proxy.publish"), "proxy.publish");
    endpoint(ConfigValidator.required(p.subscribe(), "proxy.subscribe"), "proxy.subscribe");
    if (p.connectEveryClient() && !p.connect().enabled()) {
      ConfigValidator.fail(
          "proxy.connectEveryClient",
          "is true but proxy.connect.endpoint is not set; set the endpoint or turn this off");
    }
    ConfigValidator.atLeast("proxy.maxResponseSize", p.maxResponseSize(), 1024);
    ConfigValidator.atLeast("proxy.maxStreams", p.maxStreams(), 1);
    ConfigValidator.atLeast("proxy.maxInFlight", p.maxInFlight(), 1);
    ConfigValidator.atLeast("proxy.maxInFlightPerConnection", p.maxInFlightPerConnection(), 1);
    caFile(p.tlsCaFile());
  }

  /** {@code proxy.tlsCaFile}: a readable file holding at least one PEM certificate. */
  private static void caFile(String file) {
    KeyFiles.check("proxy.tlsCaFile", file, "a PEM file of CA certificates");
    if (file == null) {
      return;
    }
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        ConfigValidator.fail("proxy.tlsCaFile", Scalars.quote(file) + " holds no certificate");
      }
    } catch (IOException | CertificateException e) {
      ConfigValidator.fail("proxy.tlsCaFile", Scalars.quote(file)
          + " is not a PEM file of certificates: " + e.getMessage());
    }
  }

  private static void endpoint(ProxyEndpoint e, String key) {
    if (e.endpoint() != null && !KeyFiles.isHttpUrl(e.endpoint())) {
      ConfigValidator.fail(
          key + ".endpoint",
          Scalars.quote(SafeUrl.of(e.endpoint()))
              + " is not an http(s) URL; use e.g. http://localhost:3000/herald/connect");
    }
    ConfigValidator.atLeast(key + ".timeout", e.timeout(), MIN_TIMEOUT);
    List<String> headers = ConfigValidator.required(e.headers(), key + ".headers");
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.get(i);
      String at = key + ".headers[" + i + "]";
      if (name == null || !HEADER_NAME.matcher(name).matches()) {
        ConfigValidator.fail(
            at,
            (name == null ? "null" : Scalars.quote(name))
                + " is not an HTTP header name; use e.g. Cookie or X-Request-Id");
      }
      if (NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        ConfigValidator.fail(
            at, Scalars.quote(name) + " describes the connection itself and cannot be forwarded");
      }
    }
  }

  static void namespace(NamespaceConfig ns, String key, ProxyConfig p) {
    if (ns.publishProxy() && !p.publish().enabled()) {
      ConfigValidator.fail(
          key + ".publishProxy",
          "is true but proxy.publish.endpoint is not set; set the endpoint or turn this off");
    }
    if (ns.subscribeProxy() && !p.subscribe().enabled()) {
      ConfigValidator.fail(
          key + ".subscribeProxy",
          "is true but proxy.subscribe.endpoint is not set; set the endpoint or turn this off");
    }
  }
}
