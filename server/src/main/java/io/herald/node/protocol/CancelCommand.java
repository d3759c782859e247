package io.herald.node.protocol;

/**
 * {@code cancel} (a notification): stops the {@code rpc} with this request id; its upstream
 * request is aborted and it is answered with error 117.
 *
 * @param id the rpc's request id, as raw JSON (the same form as {@link RequestId#json()})
 */
public record CancelCommand(RequestId id) implements Command {}
