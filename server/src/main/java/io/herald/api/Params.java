package io.herald.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.engine.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of an API method's params object; a wrong or missing field is 400 / -32602. */
final class Params {

  private final JsonNode node;

  Params(JsonNode node) {
    this.node = node;
  }

  String string(String field) {
    String value = optionalString(field);
    if (value == null) {
      throw ApiException.invalidParams(field + " is required");
    }
    return value;
  }

  String optionalString(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.invalidParams(field + " must be a string");
    }
    return value.textValue();
  }

  Integer optionalInt(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw ApiException.invalidParams(field + " must be an integer");
    }
    return value.intValue();
  }

  boolean optionalBoolean(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw ApiException.invalidParams(field + " must be a boolean");
    }
    return value.booleanValue();
  }

  /** {@code {offset, epoch}}, or null when absent. */
  StreamPosition optionalPosition(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    JsonNode offset = value.get("offset");
    JsonNode epoch = value.get("epoch");
    if (!value.isObject() || epoch == null || !epoch.isTextual()
        || (offset != null && (!offset.isIntegralNumber() || !offset.canConvertToLong()
            || offset.longValue() < 0))) {
      throw ApiException.invalidParams(
          field + " must be {\"offset\": a non-negative integer, \"epoch\": a string}");
    }
    return new StreamPosition(offset == null ? 0 : offset.longValue(), epoch.textValue());
  }

  JsonNode required(String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw ApiException.invalidParams(field + " is required");
    }
    return value;
  }

  List<String> strings(String field) {
    JsonNode value = required(field);
    if (!value.isArray()) {
      throw ApiException.invalidParams(field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.invalidParams(field + " must be an array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }
}
