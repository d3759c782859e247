package io.herald.api;

import com.fasterxml.jackson.databind.JsonNode;
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
