package io.herald.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code GET /metrics} answer, parsed: sample name with its labels as written ({@code
 * herald_connections{transport="websocket"}}) to value.
 */
record Scrape(String text, Map<String, Double> samples) {

  static Scrape of(HttpClient http, int port) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
              .timeout(WsClient.TIMEOUT)
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("/metrics answered " + response.statusCode());
      }
      Map<String, Double> samples = new LinkedHashMap<>();
      for (String line : response.body().split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
      return new Scrape(response.body(), samples);
    } catch (java.io.IOException e) {
      throw new AssertionError("cannot scrape", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The value of {@code sample}, 0 when absent (a labelled counter not incremented yet). */
  double get(String sample) {
    return samples.getOrDefault(sample, 0.0);
  }

  /** True when {@code sample} was exported. */
  boolean has(String sample) {
    return samples.containsKey(sample);
  }
}
