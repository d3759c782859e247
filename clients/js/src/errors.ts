/**
 * An error from Herald or from the SDK. `code` is the server's error code (100-199, or a JSON-RPC
 * code such as -32602) or one of the SDK's own codes below (1-9). Switch on `code`, never on
 * `message`.
 */
export class HeraldError extends Error {
  /** No answer within the `timeout` option. */
  static readonly TIMEOUT = 1;
  /** The client is disconnected (by `disconnect()`, or the server said not to reconnect). */
  static readonly DISCONNECTED = 2;
  /** The offline publish queue is full (`maxQueuedPublishes`). */
  static readonly QUEUE_FULL = 3;
  /** The subscription was ended before the call completed. */
  static readonly UNSUBSCRIBED = 4;
  /** The connection was lost while the request was in flight; it may or may not have run. */
  static readonly CONNECTION_LOST = 5;
  /** The call was cancelled through its AbortSignal. */
  static readonly CANCELLED = 6;
  /** The client was used in a way it does not allow (a bad argument, a second subscribe). */
  static readonly BAD_STATE = 7;

  /** Server error: token expired (connect, refresh, subscription token). */
  static readonly TOKEN_EXPIRED = 109;
  /** Server error: the position cannot be recovered. */
  static readonly UNRECOVERABLE_POSITION = 112;

  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'HeraldError';
    this.code = code;
  }
}
