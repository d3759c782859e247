package io.herald.node.proxy;

/**
 * A {@code connect} the backend is asked to decide.
 *
 * @param caller the connecting client (user {@code ""})
 * @param token the connection token the client sent, or null (passed on unverified when {@code
 *     proxy.connectEveryClient} is on)
 * @param name client name from {@code connect}, or null
 * @param version client version from {@code connect}, or null
 * @param data raw JSON {@code data} from {@code connect}, or null
 */
public record ConnectRequest(
    Caller caller, String token, String name, String version, byte[] data) {}
