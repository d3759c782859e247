package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.server.HeraldServer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What a running node does on signals: SIGTERM and SIGINT shut it down gracefully ({@link
 * HeraldServer#shutdownGracefully}) and exit 0, or 1 when {@code shutdown.timeout} passed first
 * (a watchdog halts the process then, whatever is still running; a repeated signal changes
 * nothing); SIGHUP reloads the config
 * ({@link HeraldServer#reload}) and keeps every connection.
 */
final class Signals {

  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  /** A second SIGTERM must not cut the first one's drain short. */
  private static final AtomicBoolean shuttingDown = new AtomicBoolean();

  private Signals() {}

  /**
   * Installs the handlers for {@code server}.
   *
   * @param reload loads the config again for SIGHUP (file, environment, flags); null when the
   *     node has no config file (dev mode): SIGHUP is then only logged
   */
  static void install(HeraldServer server, Supplier<HeraldConfig> reload) {
    Signal.handle(new Signal("TERM"), s -> shutdown(server, "SIGTERM"));
    Signal.handle(new Signal("INT"), s -> shutdown(server, "SIGINT"));
    try {
      SignalHandler before = Signal.handle(new Signal("HUP"), s -> reload(server, reload));
      if (before == SignalHandler.SIG_IGN) {
        // The JVM keeps a SIGHUP that the starting process ignored (nohup) ignored.
        log.warn(SIGHUP_IGNORED);
      }
    } catch (IllegalArgumentException e) {
      log.warn("SIGHUP cannot be handled here ({}): config reload by signal is off",
          e.getMessage());
    }
  }

  /** Logged at start when SIGHUP was ignored by whatever started the node. */
  static final String SIGHUP_IGNORED = "SIGHUP is ignored in this process (started with nohup or"
      + " with SIGHUP ignored): config reload by signal is off; start Herald without it";

  private static void shutdown(HeraldServer server, String signal) {
    if (!shuttingDown.compareAndSet(false, true)) {
      log.info("{}: already shutting down", signal);
      return;
    }
    Thread t = new Thread(() -> {
      log.info("{}: shutting down gracefully", signal);
      long timeoutMillis = server.config().shutdown().timeout().toMillis();
      Thread watchdog = new Thread(() -> {
        try {
          Thread.sleep(timeoutMillis + 500);
          log.warn("shutdown.timeout passed; exiting now");
          Runtime.getRuntime().halt(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "herald-shutdown-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      boolean inTime = server.shutdownGracefully();
      System.exit(inTime ? 0 : 1);
    }, "herald-shutdown");
    t.start();
  }

  private static void reload(HeraldServer server, Supplier<HeraldConfig> reload) {
    if (reload == null) {
      log.info("SIGHUP: no config file to reload");
      return;
    }
    Thread t = new Thread(() -> {
      try {
        server.reload(reload.get());
      } catch (ConfigException e) {
        log.warn("SIGHUP: config not reloaded, the running one stays: {}", e.getMessage());
      } catch (RuntimeException e) {
        log.warn("SIGHUP: config not reloaded, the running one stays", e);
      }
    }, "herald-reload");
    t.start();
  }
}
