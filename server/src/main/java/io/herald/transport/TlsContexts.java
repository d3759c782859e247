package io.herald.transport;

import io.herald.config.TlsConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context, built from the PEM files of {@code tls} and rebuilt by {@link #reload}
 * (SIGHUP): connections open keep the context they were made with, new ones get the new one. Uses
 * Netty's OpenSSL engine when its native library is on the class path, the JDK's otherwise.
 * Thread-safe.
 */
public final class TlsContexts {

  private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

  private final TlsConfig config;
  private volatile SslContext current;

  private TlsContexts(TlsConfig config, SslContext first) {
    this.config = config;
    this.current = first;
  }

  /**
   * Reads the files of {@code config}.
   *
   * @return null when TLS is off
   * @throws IllegalStateException naming the files when they cannot be used
   */
  public static TlsContexts of(TlsConfig config) {
    return config.enabled() ? new TlsContexts(config, build(config)) : null;
  }

  /** The context for a new connection. */
  SslContext current() {
    return current;
  }

  /**
   * Reads the files again; on failure keeps the context in use and says why.
   *
   * @return true when the new files are in use
   */
  public boolean reload() {
    try {
      current = build(config);
      log.info("TLS certificate reloaded from {}", config.certFile());
      return true;
    } catch (IllegalStateException e) {
      log.warn("TLS certificate not reloaded, the previous one stays in use: {}", e.getMessage());
      return false;
    }
  }

  /** The engine in use: {@code OPENSSL} or {@code JDK}. */
  public static String engine() {
    return provider().name();
  }

  private static SslProvider provider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  private static SslContext build(TlsConfig config) {
    try {
      return SslContextBuilder.forServer(new File(config.certFile()), new File(config.keyFile()))
          .sslProvider(provider())
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("tls: cannot use certFile " + config.certFile()
          + " with keyFile " + config.keyFile() + ": " + e.getMessage(), e);
    }
  }
}
