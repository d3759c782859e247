package io.herald.api;

import io.herald.transport.HttpReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The server API's OpenAPI 3.1 description (docs/openapi.yaml, which the build packs into the jar
 * next to this class), as the answer to {@code GET /api/openapi.yaml}: {@code application/yaml},
 * cacheable for an hour. Read once.
 */
final class OpenApiDescription {

  /** The description's name in the jar, next to this class. */
  static final String RESOURCE = "openapi.yaml";

  private OpenApiDescription() {}

  /** The reply, or a 404 when the jar was built without the description. */
  static HttpReply reply() {
    try (InputStream in = OpenApiDescription.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return HttpReply.text(404, "not found\n");
      }
      return new HttpReply(200, "application/yaml; charset=utf-8", in.readAllBytes(),
          java.util.Map.of("Cache-Control", "public, max-age=3600"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
