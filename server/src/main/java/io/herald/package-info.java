/**
 * Herald, a real-time messaging server. Only {@code Version} lives here; the server is in the
 * packages below, wired together by {@code io.herald.server} (docs/architecture.md).
 */
package io.herald;
