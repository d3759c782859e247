package io.herald.config;

/**
 * TLS on the client port: when both files are set, the port serves only {@code https://} and
 * {@code wss://}. The files are read at start and again on reload (SIGHUP), so certificates can be
 * renewed without dropping connections.
 *
 * @param certFile PEM certificate chain, leaf first; null for plain HTTP
 * @param keyFile PEM private key (PKCS#8, or PKCS#1 RSA) of the leaf certificate; null for plain
 *     HTTP
 */
public record TlsConfig(String certFile, String keyFile) {

  /** Plain HTTP. */
  public static TlsConfig none() {
    return new TlsConfig(null, null);
  }

  /** True when TLS is configured. */
  public boolean enabled() {
    return certFile != null && keyFile != null;
  }
}
