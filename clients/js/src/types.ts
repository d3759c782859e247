import type { Clock } from './clock.js';
import type { HeraldError } from './errors.js';

/** The WebSocket class the client opens connections with: the browser's, or `ws` in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: any) => void) | null;
  onmessage: ((event: { data: any }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: any) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** The transports the client can use: WebSocket, then the HTTP fallbacks (docs/transports.md). */
export type TransportName = 'websocket' | 'sse' | 'longpoll';

export interface HeraldOptions {
  /** Connection token (JWT). Absent: `getToken` is asked, or the client connects anonymously. */
  token?: string;
  /** Returns a fresh connection token: on connect without one, before expiry and after 109/3005. */
  getToken?: () => Promise<string>;
  /** WebSocket implementation; default `globalThis.WebSocket` (Node 20 needs `ws`). */
  websocket?: WebSocketConstructor;
  /**
   * Opens the connection's transport, replacing the fallback chain of `transports`. The seam for
   * other transports: the client only needs text frames both ways and a close code.
   */
  transport?: import('./transport.js').TransportFactory;
  /**
   * The transports to try, in order, on every connection attempt; default `['websocket', 'sse',
   * 'longpoll']`, leaving out those this runtime cannot open. One that closes before the server
   * answers `connect`, or has not brought the answer within `fallbackTimeout`, gives way to the
   * next. The HTTP endpoints sit next to the WebSocket one (`…/connection/sse`, `…/emulation`,
   * `…/longpoll`).
   */
  transports?: TransportName[];
  /** How long a transport that is not the last may take to bring the connect answer, ms; default 5000. */
  fallbackTimeout?: number;
  /**
   * How long a transport reached by falling back is remembered and tried first, ms; default 3600000
   * (an hour); 0 remembers nothing. Kept in memory and in `storage`.
   */
  rememberTransport?: number;
  /** Where the remembered transport survives reloads; default `localStorage` when there is one, `null` for none. */
  storage?: import('./fallback.js').TransportStorage | null;
  /** `fetch` for the SSE and long-poll transports; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Credentials mode of the HTTP transports' requests; default `include` (a token cookie crosses origins). */
  credentials?: RequestCredentials;
  /**
   * Resubscribe every subscription inside the reconnect's `connect` (its `subs` param), recovering
   * all channels in one round trip; default true. False sends one `subscribe` per channel after
   * connecting.
   */
  subscribeOnConnect?: boolean;
  /** Sent in `connect` as the client's name and version. */
  name?: string;
  version?: string;
  /** Backoff bounds between reconnect attempts, ms; default 500 and 20000. */
  minReconnectDelay?: number;
  maxReconnectDelay?: number;
  /** How long a request waits for its answer (and for a connection), ms; default 10000. */
  timeout?: number;
  /** Margin after the advertised ping interval before the connection counts as dead, ms; default 10000. */
  maxPingDelay?: number;
  /** Most publishes held while offline; one more is rejected with QUEUE_FULL. Default 1000. */
  maxQueuedPublishes?: number;
  /** Fraction of a token's ttl after which it is refreshed; default 0.8. */
  refreshAt?: number;
  /** Timers; tests inject a fake clock. */
  clock?: Clock;
  /** Randomness for the backoff jitter, in [0, 1). */
  random?: () => number;
}

export type ConnectionState = 'disconnected' | 'connecting' | 'connected';

/** Who published, or who joined or left. */
export interface ClientInfo {
  client: string;
  user: string;
  connInfo?: unknown;
  chanInfo?: unknown;
  info?: unknown;
}

export interface Publication {
  channel: string;
  data: any;
  /** Position in the channel's history (channels with history only). */
  offset?: number;
  info?: ClientInfo;
}

export interface StreamPosition {
  offset: number;
  epoch: string;
}

export interface SubscribedContext {
  channel: string;
  /** The channel keeps a history this subscription can recover from. */
  recoverable: boolean;
  /** This subscribe tried to recover missed publications. */
  wasRecovering: boolean;
  /** Every missed publication was (or is about to be) delivered; false after a recovery attempt means: reload your state. */
  recovered: boolean;
  /** The position the subscription continues from (channels with history). */
  streamPosition?: StreamPosition;
}

export interface ConnectedContext {
  client: string;
  user: string;
  /** Seconds between server pings. */
  ping: number;
  /** The transport that carries the connection: `websocket`, `sse`, `longpoll`, or a custom one's name. */
  transport: string;
}

export interface StateContext {
  /** Close or disconnect code that caused the transition (0 for a call of `connect()`/`disconnect()`). */
  code: number;
  reason: string;
}

export interface JoinLeaveContext {
  channel: string;
  info: ClientInfo;
}

export interface UnsubscribedContext {
  channel: string;
  code: number;
  reason: string;
}

export interface ErrorContext {
  /** What failed: 'connect', 'transport', 'refresh', 'subscribe', ... */
  type: string;
  error: HeraldError | Error;
}

export interface HistoryOptions {
  limit?: number;
  since?: StreamPosition;
  reverse?: boolean;
}

export interface HistoryResult {
  publications: Publication[];
  offset?: number;
  epoch?: string;
}

export interface PresenceResult {
  clients: Record<string, ClientInfo>;
}

export interface PresenceStatsResult {
  numClients: number;
  numUsers: number;
}

export interface PublishResult {
  offset?: number;
  epoch?: string;
}

export interface RpcOptions {
  /** Called with each streamed chunk, in order, before the promise resolves. */
  onChunk?: (data: any, seq: number) => void;
  /** Aborting sends `cancel` to the server and rejects with CANCELLED. */
  signal?: AbortSignal;
}

export interface RpcResult {
  /** The single answer of a non-streaming rpc. */
  data?: any;
  /** How many chunks a streaming rpc sent. */
  chunks?: number;
}

export interface SubscriptionOptions {
  /** Subscription token for a private (`$`) channel. */
  token?: string;
  /** Returns a subscription token; called on every subscribe when `token` is absent. */
  getToken?: (channel: string) => Promise<string>;
  /** Recover missed publications after a reconnect (channels with history). Default true. */
  recover?: boolean;
  /** Start from this position on the first subscribe (e.g. one saved across page loads). */
  since?: StreamPosition;
  /** Ask for join and leave events. */
  joinLeave?: boolean;
}
