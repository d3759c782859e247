package io.herald.client;

/**
 * Who published a publication, or who joined or left a channel.
 *
 * @param client the connection id
 * @param user the user id ({@code ""} for anonymous)
 * @param connInfo the {@code info} claim of the connection token, or null
 * @param chanInfo the {@code info} claim of the subscription token, or null
 */
public record ClientInfo(String client, String user, Object connInfo, Object chanInfo) {

  static ClientInfo from(Object json) {
    if (!(json instanceof java.util.Map<?, ?> m)) {
      return null;
    }
    return new ClientInfo(
        Values.string(m.get("client")),
        Values.string(m.get("user")),
        m.get("connInfo"),
        m.get("chanInfo"));
  }
}
