package io.herald.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A server API command read from a message.
 *
 * @param method server API method, e.g. {@code publish}
 * @param params its params, a JSON object
 */
record IngestCommand(String method, JsonNode params) {}
