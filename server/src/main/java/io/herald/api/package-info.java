/**
 * Feature: the server HTTP API (docs/api.md): {@link io.herald.api.ApiService} runs the methods
 * against the node facade, independent of any HTTP stack; {@link io.herald.api.ApiRoutes} mounts
 * {@code POST /api/<method>} through {@link io.herald.transport.HttpRoutes}.
 *
 * <p>May depend on {@code node} (the facade and its value types), {@code engine} value types,
 * {@code config}, {@code json}, {@code transport} (to mount routes) and Jackson. Used by {@code
 * ingest}, {@code admin} and {@code server}.
 */
package io.herald.api;
