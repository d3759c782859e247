package io.herald.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.herald.engine.ClientInfo;
import io.herald.engine.Publication;
import io.herald.engine.StreamPosition;
import io.herald.node.protocol.Result;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Server API results in the same shapes as the client protocol's: payloads and token {@code info}
 * are copied as raw JSON, never re-parsed.
 */
final class ApiResults {

  private final ObjectMapper mapper;

  ApiResults(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** {@code {offset, epoch}} for a channel with history, {@code {}} otherwise. */
  ObjectNode publish(Result result) {
    ObjectNode out = mapper.createObjectNode();
    if (result instanceof Result.Publish p) {
      position(out, p.position());
    }
    return out;
  }

  ObjectNode history(Result.History history) {
    ObjectNode out = mapper.createObjectNode();
    publications(out.putArray("publications"), history.publications());
    position(out, history.position());
    return out;
  }

  ObjectNode presence(Result.Presence presence) {
    ObjectNode out = mapper.createObjectNode();
    ObjectNode clients = out.putObject("clients");
    for (Map.Entry<String, ClientInfo> e : presence.clients().entrySet()) {
      clientInfo(clients.putObject(e.getKey()), e.getValue());
    }
    return out;
  }

  ObjectNode presenceStats(Result.PresenceStats stats) {
    return mapper.createObjectNode()
        .put("numClients", stats.numClients())
        .put("numUsers", stats.numUsers());
  }

  private static void position(ObjectNode out, StreamPosition position) {
    if (!position.isNone()) {
      out.put("offset", position.offset()).put("epoch", position.epoch());
    }
  }

  private static void publications(ArrayNode out, List<Publication> publications) {
    for (Publication p : publications) {
      ObjectNode item = out.addObject();
      item.put("offset", p.offset());
      if (p.event() != null) {
        item.put("event", p.event());
      }
      item.putRawValue("data", raw(p.data()));
      if (p.info() != null) {
        clientInfo(item.putObject("info"), p.info());
      }
    }
  }

  private static void clientInfo(ObjectNode out, ClientInfo info) {
    out.put("client", info.client()).put("user", info.user());
    if (info.connInfo() != null) {
      out.putRawValue("info", raw(info.connInfo()));
    }
    if (info.chanInfo() != null) {
      out.putRawValue("chanInfo", raw(info.chanInfo()));
    }
  }

  private static RawValue raw(byte[] json) {
    return new RawValue(new String(json, StandardCharsets.UTF_8));
  }
}
