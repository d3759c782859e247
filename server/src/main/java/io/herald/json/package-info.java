/**
 * Internal: the Jackson mappers with Herald's parser limits ({@link io.herald.json.Json}), shared
 * by protocol adapters, the API and ingestion. Depends on Jackson only.
 */
package io.herald.json;
