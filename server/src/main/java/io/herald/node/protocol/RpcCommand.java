package io.herald.node.protocol;

/**
 * {@code rpc}: a call answered by the application's backend ({@code proxy.rpc}), with JSON or a
 * stream of {@code stream} notifications followed by the response.
 *
 * @param method the method name for the backend; {@code ""} when absent
 * @param data raw JSON {@code data}, or null when absent
 */
public record RpcCommand(String method, byte[] data) implements Command {}
