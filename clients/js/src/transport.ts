import { HeraldError } from './errors.js';
import type { WebSocketConstructor, WebSocketLike } from './types.js';

/** What a transport reports to the client; each callback is called on the client's realm. */
export interface TransportHandlers {
  /** The transport can carry frames now: the client sends `connect`. */
  onOpen(): void;
  /** One text frame from the server (a JSON message or a JSON array of messages). */
  onMessage(text: string): void;
  /**
   * The transport is gone, with the close code and reason; called at most once. `unreachable` is
   * true when the server could not be reached at all (a network error before any answer): that
   * says nothing against the transport itself, so the fallback chain does not remember to avoid it.
   */
  onClose(code: number, reason: string, unreachable?: boolean): void;
  /**
   * A transport made of several (the fallback chain) gave up on `from` before the server answered
   * and now tries `to`; the client restarts its connect timeout.
   */
  onFallback?(from: string, to: string, reason: string): void;
}

/**
 * One connection to Herald carrying JSON-RPC text frames both ways. The client owns exactly one
 * at a time and drops it on close; reconnecting opens a new one through the same factory. The
 * first frame the client sends on a transport is always its `connect` request: the HTTP
 * transports carry its params in the request that opens their session.
 */
export interface Transport {
  /** The transport's name, e.g. `websocket`. */
  readonly name: string;
  /** Sends one text frame; false when the transport cannot carry it now (not open, closed). */
  send(text: string): boolean;
  /** Closes at once without calling `onClose`; safe to call more than once. */
  close(code: number, reason: string): void;
}

/**
 * Opens a transport to `url` reporting to `handlers`. Throws when it cannot even start (the
 * client then waits for its backoff and tries again).
 */
export type TransportFactory = (url: string, handlers: TransportHandlers) => Transport;

const OPEN = 1;

/**
 * The WebSocket transport over `WS` (the browser's `WebSocket`, or `ws` in Node).
 * @throws HeraldError BAD_STATE when there is no WebSocket implementation at all
 */
export function webSocketTransport(WS: WebSocketConstructor | undefined = (globalThis as any).WebSocket): TransportFactory {
  if (!WS) {
    throw new HeraldError(HeraldError.BAD_STATE,
      'no WebSocket implementation: pass options.websocket (e.g. the ws package in Node)');
  }
  return (url, handlers) => new WebSocketTransport(new WS(url), handlers);
}

class WebSocketTransport implements Transport {
  readonly name = 'websocket';
  private ws: WebSocketLike | null;

  constructor(ws: WebSocketLike, handlers: TransportHandlers) {
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws === ws) handlers.onOpen();
    };
    ws.onmessage = (event) => {
      if (this.ws === ws) handlers.onMessage(typeof event.data === 'string' ? event.data : String(event.data));
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      handlers.onClose(event.code, event.reason);
    };
    ws.onerror = () => {
      // A close event always follows; it carries the code.
    };
  }

  send(text: string): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return false;
    ws.send(text);
    return true;
  }

  close(code: number, reason: string): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    ws.onerror = () => {}; // Node's ws reports closing a socket that is still connecting as an error.
    try {
      const terminate = (ws as any).terminate;
      if (typeof terminate === 'function') terminate.call(ws);
      else ws.close(code, reason);
    } catch {
      // Already closed.
    }
  }
}
