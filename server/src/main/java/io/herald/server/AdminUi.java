package io.herald.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.admin.AdminSessions;
import io.herald.admin.AdminStats;
import io.herald.admin.AdminStatsPublisher;
import io.herald.api.ApiService;
import io.herald.auth.RevokedUsers;
import io.herald.auth.TokenMinter;
import io.herald.config.HeraldConfig;
import io.herald.metrics.HeraldMetrics;
import io.herald.node.Node;
import io.herald.ops.Readiness;
import io.herald.json.Json;
import io.herald.webhooks.Webhooks;
import io.herald.admin.AdminHttp;
import io.herald.protocol.jsonrpc.JsonRpcProtocol;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The admin UI of one node, wired: its HTTP side and the stats publisher it listens to. Absent
 * (null from {@link #start}) when {@code admin.password} is not set.
 *
 * @param http the {@code /admin} endpoints
 * @param stats publishes this node's stats to the admin channel every second; closed at shutdown
 */
record AdminUi(AdminHttp http, AdminStatsPublisher stats) implements AutoCloseable {

  /**
   * Wires the admin UI and starts its stats publisher, or returns null when it is off. Its
   * WebSocket tokens are minted with {@code token.hmacSecret}; without one the page polls.
   *
   * @param webhooks shown with their queues; null when none is configured
   */
  static AdminUi start(
      HeraldConfig config,
      Node node,
      HeraldMetrics metrics,
      Readiness readiness,
      ApiService api,
      Clock clock,
      RevokedUsers revoked,
      Webhooks webhooks) {
    if (!config.admin().enabled()) {
      return null;
    }
    ObjectMapper mapper = Json.mapper(64);
    AdminStats stats = new AdminStats(node, metrics, readiness, mapper, webhooks);
    String secret = config.token().hmacSecret();
    TokenMinter minter = secret == null ? null : new TokenMinter(secret, clock);
    AdminHttp http =
        new AdminHttp(
            new AdminSessions(config.admin(), clock, new SecureRandom()),
            stats,
            api,
            node,
            minter,
            mapper,
            JsonRpcProtocol.WEBSOCKET_PATH,
            revoked,
            config.admin().secureCookie());
    AdminStatsPublisher publisher = new AdminStatsPublisher(node, stats, mapper);
    publisher.start();
    return new AdminUi(http, publisher);
  }

  @Override
  public void close() {
    stats.close();
  }
}
