import type { Clock } from './clock.js';
import type { Transport, TransportHandlers } from './transport.js';

/** The `fetch` the HTTP transports use: the global one, or one the application passes. */
export type FetchFunction = typeof fetch;

/** What the HTTP transports (SSE and long-poll) need besides the endpoint. */
export interface HttpTransportOptions {
  /** Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Sent with every request; default `include`, so a token cookie reaches Herald across origins. */
  credentials?: RequestCredentials;
  /** Timers (tests pass a fake clock). */
  clock?: Clock;
}

/**
 * The URL of the HTTP endpoint `name` (`sse`, `emulation`, `longpoll`) next to the WebSocket
 * endpoint `wsUrl`: same host and path prefix, `ws:` becoming `http:` and `wss:` becoming
 * `https:`. `wss://host/rt/connection/websocket` gives `https://host/rt/connection/sse`.
 */
export function endpointUrl(wsUrl: string, name: string): string {
  const url = new URL(wsUrl);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  return new URL(name, url).toString();
}

/**
 * The `connect` request the client sends first on every transport. The HTTP transports carry its
 * params in the request that opens the session; the server answers it with id 1, which
 * {@link ConnectFrame.reply} turns back into the client's id.
 * @throws Error when `text` is not a `connect` request
 */
export class ConnectFrame {
  readonly id: number;
  readonly params: Record<string, unknown>;

  constructor(text: string) {
    const frame = JSON.parse(text);
    if (!frame || frame.method !== 'connect' || typeof frame.id !== 'number') {
      throw new Error('the first message on an HTTP transport must be the connect request');
    }
    this.id = frame.id;
    this.params = frame.params ?? {};
  }

  /**
   * The server's first message as the client expects it: the connect answer with the client's own
   * request id, and the session id it carries (undefined when connect was refused).
   */
  reply(message: any): { text: string; session: string | undefined } {
    if (message && message.id === 1 && message.method === undefined) message.id = this.id;
    const session = typeof message?.result?.session === 'string' ? message.result.session : undefined;
    return { text: JSON.stringify(message), session };
  }
}

/** Why an emulation POST failed: the close code the transport reports, and its reason. */
export interface PostFailure {
  code: number;
  reason: string;
}

/**
 * Sends the client's messages of one session by `POST /connection/emulation`, in order: one POST
 * at a time, and what the client sends meanwhile goes together as one batch in the next POST. The
 * answers arrive on the session's stream or poll, never here.
 */
export class EmulationSender {
  private pending: string[] = [];
  private inFlight = false;
  private closed = false;

  /**
   * @param onFailure called once when a POST fails (network error, 404 session gone, 413 too big);
   *   the session is then unusable and the transport closes
   */
  constructor(
    private readonly url: string,
    readonly session: string,
    private readonly fetchFn: FetchFunction,
    private readonly credentials: RequestCredentials,
    private readonly onFailure: (failure: PostFailure) => void,
  ) {}

  /** Queues one JSON-RPC message (or batch) for the session. */
  send(text: string): void {
    if (this.closed) return;
    this.pending.push(text);
    if (!this.inFlight) void this.flush();
  }

  /** Drops what is queued and sends nothing more. */
  close(): void {
    this.closed = true;
    this.pending = [];
  }

  private async flush(): Promise<void> {
    while (!this.closed && this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const data = batch.length === 1 ? batch[0] : `[${batch.join(',')}]`;
      this.inFlight = true;
      const failure = await this.post(`{"session":${JSON.stringify(this.session)},"data":${data}}`);
      this.inFlight = false;
      if (failure && !this.closed) {
        this.close();
        this.onFailure(failure);
      }
    }
  }

  private async post(body: string): Promise<PostFailure | null> {
    try {
      // text/plain keeps a cross-origin POST free of a preflight; Herald reads the body as JSON.
      const res = await this.fetchFn(this.url, {
        method: 'POST',
        body,
        credentials: this.credentials,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      });
      if (res.ok) return null;
      return httpFailure(res.status, await errorText(res));
    } catch (error) {
      return { code: 1006, reason: `emulation POST failed: ${(error as Error).message}` };
    }
  }
}

/**
 * The close code for an HTTP error answer: 413 is a message over the server's limit (1009, as on
 * WebSocket: resending it would fail again); anything else is a lost connection (1006).
 */
export function httpFailure(status: number, message: string): PostFailure {
  return { code: status === 413 ? 1009 : 1006, reason: `HTTP ${status}${message ? `: ${message}` : ''}` };
}

/** The `error` field of Herald's JSON error body, or '' when there is none. */
export async function errorText(res: Response): Promise<string> {
  try {
    const body = await res.json();
    return typeof body?.error === 'string' ? body.error : '';
  } catch {
    return '';
  }
}

/**
 * What the SSE and long-poll transports share: `onOpen` is reported at once; the first frame sent
 * must be `connect`, whose params {@link open} the session; frames sent before the connect answer
 * named the session wait, then go by {@link EmulationSender} in order.
 */
export abstract class HttpTransport implements Transport {
  abstract readonly name: string;
  protected readonly abort = new AbortController();
  protected sender: EmulationSender | null = null;
  protected closed = false;
  private connect: ConnectFrame | null = null;
  private waiting: string[] = [];

  constructor(
    protected readonly url: string,
    protected readonly handlers: TransportHandlers,
    protected readonly fetchFn: FetchFunction,
    protected readonly credentials: RequestCredentials,
  ) {
    queueMicrotask(() => {
      if (!this.closed) handlers.onOpen();
    });
  }

  send(text: string): boolean {
    if (this.closed) return false;
    if (this.sender) {
      this.sender.send(text);
    } else if (!this.connect) {
      try {
        this.connect = new ConnectFrame(text);
      } catch (error) {
        this.fail(1006, (error as Error).message);
        return false;
      }
      void this.open(this.connect);
    } else {
      this.waiting.push(text);
    }
    return true;
  }

  close(): void {
    this.closed = true;
    this.sender?.close();
    this.abort.abort();
  }

  /** Opens the session carrying `connect`'s params and delivers until it ends; never throws. */
  protected abstract open(connect: ConnectFrame): Promise<void>;

  /** The connect answer named `session`: the client's messages go to it from now on. */
  protected startSession(session: string): void {
    this.sender = new EmulationSender(endpointUrl(this.url, 'emulation'), session, this.fetchFn, this.credentials,
      (failure) => this.fail(failure.code, failure.reason));
    for (const text of this.waiting.splice(0)) this.sender.send(text);
  }

  /** Closes the transport and tells the client, once; `unreachable` as in `onClose`. */
  protected fail(code: number, reason: string, unreachable = false): void {
    if (this.closed) return;
    this.close();
    this.handlers.onClose(code, reason, unreachable);
  }
}
