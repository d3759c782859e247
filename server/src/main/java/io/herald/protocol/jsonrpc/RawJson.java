package io.herald.protocol.jsonrpc;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.nio.charset.StandardCharsets;

/**
 * Raw JSON bytes handed to {@code JsonGenerator.writeRawValue} without a round trip through a
 * tree. The bytes come from Jackson itself (re-serialized input) or from a verified token, so
 * they are well-formed JSON.
 */
final class RawJson {

  private RawJson() {}

  static SerializableString of(byte[] json) {
    return new SerializedString(new String(json, StandardCharsets.UTF_8));
  }
}
