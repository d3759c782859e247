package io.herald.cli;

import io.herald.config.HeraldConfig;

/** What {@code herald dev} prints at start: everything needed to try it in one screen. */
final class DevBanner {

  private DevBanner() {}

  static String text(HeraldConfig config, String base, String token) {
    String ws = base.replace("http://", "ws://") + "/connection/websocket";
    return """

        Herald is running in development mode (in-memory engine, open namespaces: default, %s;
        the named ones keep history for recovery, chat tracks presence).

          Page:          %s/   (demo: synced tasks, chat with presence, streamed answers)
          WebSocket:     %s
          SSE fallback:  %s/connection/sse   (and /connection/longpoll; docs/transports.md)
          JS SDK:        %s/sdk/herald.js   (import { Herald } from this URL)
          Admin UI:      %s   (password: %s)
          HMAC secret:   %s
          API key:       %s

        Sample connection token (user "%s", valid 24h):
          %s

        Publish to the page from another terminal:
          curl -s -X POST %s/api/publish \\
            -H 'X-API-Key: %s' -H 'Content-Type: application/json' \\
            -d '{"channel": "chat:lobby", "data": {"text": "hello from curl"}}'

        Secrets are new at every start. Press Ctrl+C to stop.
        """
        .formatted(
            String.join(", ", DevConfig.NAMESPACES),
            base,
            ws,
            base,
            base,
            adminUrl(config, base),
            config.admin().password(),
            config.token().hmacSecret(),
            config.api().key(),
            DevCommand.SAMPLE_USER,
            token,
            base,
            config.api().key());
  }

  /** Where the admin UI answers: the client port, or the internal port when one is set. */
  private static String adminUrl(HeraldConfig config, String base) {
    if (config.internal().port() > 0) {
      return base.replaceFirst(":\\d+$", ":" + config.internal().port()) + "/admin";
    }
    return base + "/admin";
  }
}
