package io.herald.ingest;

/**
 * A message that can never become a command Herald accepts: not JSON, no method, an unknown
 * method, bad params, a template field missing. Retrying it cannot help; it is counted, logged and
 * skipped (or dead-lettered).
 */
public final class BadMessage extends Exception {

  private static final long serialVersionUID = 1L;

  BadMessage(String reason) {
    super(reason, null, false, false);
  }
}
