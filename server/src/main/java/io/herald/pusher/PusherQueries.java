package io.herald.pusher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.config.PusherApp;
import io.herald.engine.ClientInfo;
import io.herald.node.Node;
import io.herald.node.protocol.Result;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The API's channel queries: {@code GET /apps/<id>/channels}, {@code /channels/<name>} and
 * {@code /channels/<name>/users}. Counts come from presence, which every app channel keeps, so
 * they cover the whole cluster; the list of occupied channels is this node's (the channels with
 * a subscriber here).
 */
final class PusherQueries {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Node node;

  PusherQueries(Node node) {
    this.node = node;
  }

  CompletionStage<ApiReply> channels(PusherApp app, String prefix, String info) {
    List<String> attrs = info == null ? List.of() : Triggers.info(info);
    if (attrs.contains("user_count") && (prefix == null || !prefix.startsWith("presence-"))) {
      throw Triggers.bad("user_count may only be requested with filter_by_prefix=presence-");
    }
    Set<PusherChannel> occupied = new LinkedHashSet<>();
    for (String herald : new TreeSet<>(node.channels().keySet())) {
      String name = PusherChannel.pusherName(app.id(), herald);
      PusherChannel c = name == null ? null : PusherChannel.parse(name);
      if (c != null && c.user() == null && (prefix == null || name.startsWith(prefix))) {
        occupied.add(c);
      }
    }
    return infoOf(app, new ArrayList<>(occupied), attrs).thenApply(channels -> {
      ObjectNode out = JSON.createObjectNode();
      out.set("channels", channels);
      return ApiReply.ok(out.toString());
    });
  }

  CompletionStage<ApiReply> channel(PusherApp app, PusherChannel c, String info) {
    List<String> attrs = info == null ? List.of() : Triggers.info(info);
    if (attrs.contains("user_count") && !c.presence()) {
      throw Triggers.bad("user_count may only be requested for presence channels");
    }
    return stats(app, c).thenApply(s -> {
      ObjectNode out = JSON.createObjectNode().put("occupied", s.numClients() > 0);
      if (attrs.contains("user_count")) {
        out.put("user_count", s.numUsers());
      }
      if (attrs.contains("subscription_count")) {
        out.put("subscription_count", s.numClients());
      }
      return ApiReply.ok(out.toString());
    });
  }

  CompletionStage<ApiReply> users(PusherApp app, PusherChannel c) {
    if (!c.presence()) {
      throw Triggers.bad("Users may only be listed for presence channels");
    }
    return node.presence(c.herald(app.id())).thenApply(p -> {
      Set<String> ids = new TreeSet<>();
      for (ClientInfo info : p.clients().values()) {
        ids.add(info.user());
      }
      ObjectNode out = JSON.createObjectNode();
      ids.forEach(id -> out.withArray("users").addObject().put("id", id));
      if (ids.isEmpty()) {
        out.putArray("users");
      }
      return ApiReply.ok(out.toString());
    });
  }

  /** {@code {name: {attr: n, ...}}} for each channel; {@code {}} per channel when no attrs. */
  CompletionStage<ObjectNode> infoOf(PusherApp app, List<PusherChannel> channels,
      List<String> attrs) {
    ObjectNode out = JSON.createObjectNode();
    if (attrs.isEmpty()) {
      channels.forEach(c -> out.putObject(c.name()));
      return CompletableFuture.completedFuture(out);
    }
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (PusherChannel c : channels) {
      ObjectNode one = out.putObject(c.name());
      all.add(stats(app, c).thenAccept(s -> {
        synchronized (out) {
          if (attrs.contains("user_count") && c.presence()) {
            one.put("user_count", s.numUsers());
          }
          if (attrs.contains("subscription_count")) {
            one.put("subscription_count", s.numClients());
          }
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> out);
  }

  private CompletionStage<Result.PresenceStats> stats(PusherApp app, PusherChannel c) {
    return node.presenceStats(c.herald(app.id()));
  }
}
