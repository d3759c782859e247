package io.herald.proxy;

import io.herald.config.ProxyConfig;
import io.herald.config.ProxyEndpoint;
import io.herald.node.protocol.Handshake;
import io.herald.node.protocol.RpcError;
import io.herald.node.protocol.SessionLoop;
import io.herald.node.proxy.BackendProxy;
import io.herald.node.proxy.ConnectReply;
import io.herald.node.proxy.ConnectRequest;
import io.herald.node.proxy.PublishRequest;
import io.herald.node.proxy.RpcCall;
import io.herald.node.proxy.RpcListener;
import io.herald.node.proxy.RpcRequest;
import io.herald.node.proxy.SubscribeRequest;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend proxy over HTTP: every call (connect, rpc, publish, subscribe) goes through one
 * Netty HTTP/1.1 client ({@link LoopHttpClient}, one per endpoint) running on the calling
 * session's own event loop, with a keep-alive pool per loop, TLS for {@code https://} (trusting
 * {@code proxy.tlsCaFile} when set, else the JVM's default CAs) and asynchronous DNS. A call made
 * off any event loop runs on the proxy's own {@link BackendLoops}. No event loop ever waits on the
 * backend.
 *
 * <p>Connect, publish and subscribe answers are JSON read whole (at most {@code
 * proxy.maxResponseSize} bytes) within the endpoint's {@code timeout}; rpc answers are {@link
 * LoopExchange}s, JSON or streamed chunk by chunk. Failures are 113-116 ({@link
 * io.herald.node.proxy.ProxyErrors}), logged here. Thread-safe.
 */
public final class HttpBackendProxy implements BackendProxy {

  private static final Logger log = LoggerFactory.getLogger(HttpBackendProxy.class);

  private final BackendLoops loops;
  private final Endpoint connect;
  private final Endpoint rpc;
  private final Endpoint publish;
  private final Endpoint subscribe;
  private final LoopHttpClient connectClient;
  private final LoopHttpClient rpcClient;
  private final LoopHttpClient publishClient;
  private final LoopHttpClient subscribeClient;
  private final ProxyObserver observer;

  /** A proxy for the enabled endpoints of {@code config}, reporting to no metrics. */
  public HttpBackendProxy(ProxyConfig config) {
    this(config, ProxyObserver.NONE);
  }

  /**
   * A proxy for the enabled endpoints of {@code config}.
   *
   * @param observer where every finished call is reported (metrics)
   * @throws IllegalArgumentException when {@code proxy.tlsCaFile} cannot be read as PEM
   *     certificates
   */
  public HttpBackendProxy(ProxyConfig config, ProxyObserver observer) {
    this.observer = observer;
    this.loops = new BackendLoops(config.tlsCaFile());
    this.connect = endpoint(config.connect());
    this.rpc = endpoint(config.rpc());
    this.publish = endpoint(config.publish());
    this.subscribe = endpoint(config.subscribe());
    this.connectClient = client(config.connect(), config);
    this.rpcClient = client(config.rpc(), config);
    this.publishClient = client(config.publish(), config);
    this.subscribeClient = client(config.subscribe(), config);
  }

  private static Endpoint endpoint(ProxyEndpoint e) {
    return e.enabled() ? new Endpoint(e) : null;
  }

  private LoopHttpClient client(ProxyEndpoint e, ProxyConfig config) {
    return e.enabled()
        ? new LoopHttpClient(e, config.maxResponseSize(), observer, loops.tls(), loops.resolver())
        : null;
  }

  @Override
  public CompletionStage<ConnectReply> connect(ConnectRequest request) {
    if (connect == null) {
      return BackendProxy.super.connect(request);
    }
    Handshake handshake = request.caller().handshake();
    byte[] body = RequestBodies.connect(request, connect.forwarded(handshake));
    return call("connect", connect, connectClient, body, handshake, Replies::connect);
  }

  @Override
  public CompletionStage<byte[]> publish(PublishRequest request) {
    if (publish == null) {
      return BackendProxy.super.publish(request);
    }
    return call("publish", publish, publishClient, RequestBodies.publish(request),
        request.caller().handshake(), Replies::data);
  }

  @Override
  public CompletionStage<byte[]> subscribe(SubscribeRequest request) {
    if (subscribe == null) {
      return BackendProxy.super.subscribe(request);
    }
    return call("subscribe", subscribe, subscribeClient, RequestBodies.subscribe(request),
        request.caller().handshake(), Replies::info);
  }

  @Override
  public RpcCall rpc(RpcRequest request, Executor executor, RpcListener listener) {
    if (rpc == null) {
      return BackendProxy.super.rpc(request, executor, listener);
    }
    byte[] body = RequestBodies.rpc(request);
    var headers = rpc.forwarded(request.caller().handshake());
    if (executor instanceof SessionLoop session
        && session.executor() instanceof EventLoop eventLoop) {
      return rpcClient.call(eventLoop, body, headers, listener, false);
    }
    if (executor instanceof EventLoop eventLoop) {
      return rpcClient.call(eventLoop, body, headers, listener, false);
    }
    return rpcClient.call(loops.next(), body, headers, new HandedOver(executor, listener), false);
  }

  /** POSTs, reads the JSON answer whole within the timeout and parses it with {@code read}. */
  private <T> CompletionStage<T> call(String what, Endpoint endpoint, LoopHttpClient client,
      byte[] body, Handshake handshake, Function<byte[], T> read) {
    long start = System.nanoTime();
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    RpcCall exchange = client.call(currentLoop(), body, endpoint.forwarded(handshake),
        new RpcListener() {
          @Override
          public void answer(byte[] data) {
            answer.complete(data);
          }

          @Override
          public void chunk(byte[] json) {}

          @Override
          public void end() {
            answer.complete(new byte[0]);
          }

          @Override
          public void failed(RpcError error) {
            answer.completeExceptionally(error.exception());
          }
        }, true);
    return answer
        .orTimeout(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((data, error) -> {
          if (error != null) {
            exchange.cancel();
            throw Failures.exception(error);
          }
          return read.apply(data);
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

  /** The calling thread's event loop (a session's, as a rule), else one of the proxy's own. */
  private EventLoop currentLoop() {
    EventExecutor current = ThreadExecutorMap.currentExecutor();
    return current instanceof EventLoop loop ? loop : loops.next();
  }

  @Override
  public void close() {
    for (LoopHttpClient c : new LoopHttpClient[] {connectClient, rpcClient, publishClient,
        subscribeClient}) {
      if (c != null) {
        c.close();
      }
    }
    loops.close();
  }

  /** A listener called on {@code executor} rather than on the proxy's loop. */
  private record HandedOver(Executor executor, RpcListener listener) implements RpcListener {
    @Override
    public void answer(byte[] data) {
      executor.execute(() -> listener.answer(data));
    }

    @Override
    public void chunk(byte[] json) {
      executor.execute(() -> listener.chunk(json));
    }

    @Override
    public void end() {
      executor.execute(listener::end);
    }

    @Override
    public void failed(RpcError error) {
      executor.execute(() -> listener.failed(error));
    }
  }
}
