package io.herald.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends webhook requests with the JDK HTTP client on its own two daemon threads, apart from the
 * client event loops, so a slow or failing receiver never touches client traffic. Only the status
 * matters: the response body is never read (the stream is closed as soon as the status line and
 * headers are in), so a receiver answering 50 MB costs nothing but a closed connection. Redirects
 * are not followed (a 3xx is a failure). Thread-safe; {@link #post} blocks its caller (a virtual
 * delivery thread).
 */
final class HttpSender implements AutoCloseable {

  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "herald-webhook-http");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client = HttpClient.newBuilder()
      .executor(executor)
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /**
   * POSTs {@code request} to {@code target}'s URL and returns the status.
   *
   * @throws IOException when no status arrived within the target's timeout (or the connection
   *     failed)
   */
  int post(WebhookTarget target, WebhookFormat.Request request)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(target.url())
        .timeout(target.timeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    HttpResponse<InputStream> response = client.send(b.build(),
        HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
