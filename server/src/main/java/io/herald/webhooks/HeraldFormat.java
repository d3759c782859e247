package io.herald.webhooks;

import java.util.List;
import java.util.Map;

/**
 * Herald's webhook requests: body {@code {"events": [...]}} ({@link EventJson}), headers {@code
 * Content-Type: application/json} and {@code Herald-Signature} ({@link WebhookSigner}).
 * Thread-safe.
 */
public final class HeraldFormat implements WebhookFormat {

  private final WebhookSigner signer;

  /** Signs with the receiver's {@code secret}. */
  public HeraldFormat(String secret) {
    this.signer = new WebhookSigner(secret);
  }

  @Override
  public Request encode(List<WebhookEvent> events, long nowMillis) {
    byte[] body = EventJson.batch(events);
    return new Request(body, Map.of(
        "Content-Type", "application/json",
        WebhookSigner.HEADER, signer.header(Math.floorDiv(nowMillis, 1000), body)));
  }
}
