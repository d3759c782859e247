package io.herald.proxy;

import io.herald.config.ProxyConfig;
import io.herald.node.protocol.RpcError;
import io.herald.node.proxy.BackendProxy;
import io.herald.node.proxy.ConnectReply;
import io.herald.node.proxy.ConnectRequest;
import io.herald.node.proxy.PublishRequest;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import io.herald.node.proxy.RpcRequest;
import io.herald.node.proxy.SubscribeRequest;
import io.herald.node.protocol.SessionLoop;
import io.netty.channel.EventLoop;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend proxy over HTTP, with the JDK's asynchronous {@link HttpClient}: one client for
 * every endpoint, its pooled keep-alive connections shared by all sessions. The client's I/O runs
 * on its own selector thread and a small pool ({@value #THREADS} threads) that only parses and
 * hands results to the sessions' loops; no event loop ever waits on the backend.
 *
 * <p>Connect, publish and subscribe answers are JSON read whole (at most {@code
 * proxy.maxResponseSize} bytes) within the endpoint's {@code timeout}; rpc answers are {@link
 * RpcExchange}s. Failures are 113-116 ({@link io.herald.node.proxy.ProxyErrors}), logged here.
 * Thread-safe.
 */
public final class HttpBackendProxy implements BackendProxy {

  private static final Logger log = LoggerFactory.getLogger(HttpBackendProxy.class);

  /** Threads that parse answers; the work per answer is small, the waiting is in the client. */
  static final int THREADS = 2;

  private final ProxyConfig config;
  private final ExecutorService pool;
  private final HttpClient client;
  private final Endpoint connect;
  private final Endpoint rpc;
  private final Endpoint publish;
  private final Endpoint subscribe;
  private final LoopRpcClient loopRpc;

  private final ProxyObserver observer;

  /** A proxy for the enabled endpoints of {@code config}, reporting to no metrics. */
  public HttpBackendProxy(ProxyConfig config) {
    this(config, ProxyObserver.NONE);
  }

  /**
   * A proxy for the enabled endpoints of {@code config}.
   *
   * @param observer where every finished call is reported (metrics)
   */
  public HttpBackendProxy(ProxyConfig config, ProxyObserver observer) {
    this.config = config;
    this.observer = observer;
    this.pool = Executors.newFixedThreadPool(THREADS, daemonThreads());
    this.client =
        HttpClient.newBuilder()
            .executor(pool)
            .connectTimeout(longestTimeout(config))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.connect = config.connect().enabled() ? new Endpoint(config.connect()) : null;
    this.rpc = config.rpc().enabled() ? new Endpoint(config.rpc()) : null;
    this.publish = config.publish().enabled() ? new Endpoint(config.publish()) : null;
    this.subscribe = config.subscribe().enabled() ? new Endpoint(config.subscribe()) : null;
    this.loopRpc = config.rpc().enabled() && LoopRpcClient.serves(config.rpc())
        ? new LoopRpcClient(config.rpc(), config.maxResponseSize(), observer)
        : null;
  }

  @Override
  public CompletionStage<ConnectReply> connect(ConnectRequest request) {
    if (connect == null) {
      return BackendProxy.super.connect(request);
    }
    byte[] body =
        RequestBodies.connect(request, connect.forwarded(request.caller().handshake()));
    return call("connect", connect, connect.post(body, request.caller().handshake(), true),
        Replies::connect);
  }

  @Override
  public CompletionStage<byte[]> publish(PublishRequest request) {
    if (publish == null) {
      return BackendProxy.super.publish(request);
    }
    HttpRequest post =
        publish.post(RequestBodies.publish(request), request.caller().handshake(), true);
    return call("publish", publish, post, Replies::data);
  }

  @Override
  public CompletionStage<byte[]> subscribe(SubscribeRequest request) {
    if (subscribe == null) {
      return BackendProxy.super.subscribe(request);
    }
    HttpRequest post =
        subscribe.post(RequestBodies.subscribe(request), request.caller().handshake(), true);
    return call("subscribe", subscribe, post, Replies::info);
  }

  @Override
  public RpcCall rpc(RpcRequest request, java.util.concurrent.Executor executor,
      RpcListener listener) {
    if (rpc == null) {
      return BackendProxy.super.rpc(request, executor, listener);
    }
    if (loopRpc != null && executor instanceof SessionLoop session
        && session.executor() instanceof EventLoop eventLoop) {
      return loopRpc.call(eventLoop, RequestBodies.rpc(request),
          rpc.forwarded(request.caller().handshake()), listener);
    }
    RpcExchange exchange = new RpcExchange(executor, listener, config.maxResponseSize(), observer);
    HttpRequest post = rpc.post(RequestBodies.rpc(request), request.caller().handshake(), false);
    CompletableFuture<HttpResponse<Void>> sending = client.sendAsync(post, exchange::body);
    exchange.sending(sending);
    sending.whenComplete((response, error) -> {
      if (error != null) {
        exchange.failed(error);
      }
    });
    return exchange;
  }

  /** POSTs, reads the JSON answer whole within the timeout and parses it with {@code read}. */
  private <T> CompletionStage<T> call(
      String what, Endpoint endpoint, HttpRequest post, Function<byte[], T> read) {
    int max = config.maxResponseSize();
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> sending =
        client.sendAsync(post, info -> new BoundedBody(info.statusCode() / 100 == 2 ? max : 4096));
    CompletableFuture<HttpResponse<byte[]>> timed =
        sending.copy().orTimeout(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS);
    return timed
        .handle((response, error) -> {
          if (error != null) {
            sending.cancel(true);
            throw Failures.exception(error);
          }
          if (response.statusCode() / 100 != 2) {
            throw Failures.status(response.statusCode());
          }
          return read.apply(response.body());
        })
        .whenComplete((ok, error) -> {
          long nanos = System.nanoTime() - start;
          if (error == null) {
            boolean refused =
                ok instanceof ConnectReply.Refused || ok instanceof ConnectReply.Disconnected;
            observer.call(what, nanos, refused ? "error" : "ok");
          } else {
            RpcError e = Failures.of(error);
            observer.call(what, nanos, Failures.isProxyError(e) ? "failed" : "error");
            if (Failures.isProxyError(e)) {
              log.warn("{} proxy to {} failed: {} {}", what, endpoint, e.code(), e.message());
            } else {
              log.debug("{} proxy: the backend refused with {} {}", what, e.code(), e.message());
            }
          }
        });
  }

  @Override
  public void close() {
    if (loopRpc != null) {
      loopRpc.close();
    }
    client.shutdownNow();
    pool.shutdownNow();
  }

  private static Duration longestTimeout(ProxyConfig c) {
    Duration longest = c.connect().timeout();
    for (Duration d : new Duration[] {c.rpc().timeout(), c.publish().timeout(),
        c.subscribe().timeout()}) {
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return longest;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "herald-proxy-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
