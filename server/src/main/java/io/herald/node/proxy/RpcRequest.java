package io.herald.node.proxy;

/**
 * A client {@code rpc} for the backend.
 *
 * @param caller the calling client
 * @param method the rpc method name (may be empty)
 * @param data raw JSON {@code data} of the call, or null when absent
 * @param info raw JSON {@code info} of the connection (from its token or the connect proxy), or
 *     null
 */
public record RpcRequest(Caller caller, String method, byte[] data, byte[] info) {}
