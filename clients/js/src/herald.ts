import { Backoff } from './backoff.js';
import { systemClock, Timer, type Clock } from './clock.js';
import { Emitter } from './emitter.js';
import { HeraldError } from './errors.js';
import { PendingRequests } from './requests.js';
import { Subscription, type SubscribeResult, type SubscriptionHost } from './subscription.js';
import { defaultTransport } from './default-transport.js';
import type { Transport, TransportFactory } from './transport.js';
import type {
  ConnectedContext,
  ConnectionState,
  ErrorContext,
  HeraldOptions,
  HistoryOptions,
  HistoryResult,
  JoinLeaveContext,
  PresenceResult,
  PresenceStatsResult,
  Publication,
  PublishResult,
  RpcOptions,
  RpcResult,
  StateContext,
  SubscribedContext,
  SubscriptionOptions,
  UnsubscribedContext,
} from './types.js';

export { Backoff } from './backoff.js';
export { systemClock, type Clock } from './clock.js';
export { HeraldError } from './errors.js';
export { Subscription, type SubscriptionState, type SubscriptionEvents } from './subscription.js';
export { webSocketTransport, type Transport, type TransportFactory, type TransportHandlers } from './transport.js';
export { sseTransport } from './sse.js';
export { longPollTransport } from './longpoll.js';
export { fallbackTransport, TransportMemory, type TransportCandidate, type TransportStorage } from './fallback.js';
export { DEFAULT_TRANSPORTS } from './default-transport.js';
export type * from './types.js';

export const VERSION = '0.2.0';

export interface HeraldEvents {
  connecting: StateContext;
  connected: ConnectedContext;
  disconnected: StateContext;
  error: ErrorContext;
  /** Publications of channels the server subscribed this connection to (token `channels`, API subscribe). */
  publication: Publication;
  join: JoinLeaveContext;
  leave: JoinLeaveContext;
  /** A server-side subscription began (token `channels`, API subscribe). */
  subscribed: SubscribedContext;
  /** A server-side subscription ended. */
  unsubscribed: UnsubscribedContext;
  /** A `message` sent by the server to this connection. */
  message: { data: any };
}

interface QueuedPublish {
  channel: string;
  data: unknown;
  idempotencyKey: string;
  resolve: (r: PublishResult) => void;
  reject: (e: Error) => void;
}

/** Close codes that mean the client itself is broken: reconnecting would fail the same way. */
const CLIENT_FAULT_CODES = new Set([1002, 1003, 1007]);

/**
 * A connection to Herald that keeps itself alive: it reconnects with backoff, resubscribes and
 * recovers every subscription, watches the server's pings, refreshes its token and holds
 * publishes while offline. Events: `connecting`, `connected`, `disconnected`, `error`, plus
 * `publication`, `join`, `leave`, `subscribed`, `unsubscribed`, `message` for server-side
 * subscriptions. Not thread-safe in the sense of workers: use it from one JavaScript realm.
 */
export class Herald extends Emitter<HeraldEvents> implements SubscriptionHost {
  private currentState: ConnectionState = 'disconnected';
  private transport: Transport | null = null;
  private token: string | undefined;
  private readonly options: Required<Pick<HeraldOptions, 'timeout' | 'maxPingDelay' | 'maxQueuedPublishes' | 'refreshAt'>>;
  private readonly clock: Clock;
  private readonly backoff: Backoff;
  private readonly requests: PendingRequests;
  private readonly subs = new Map<string, Subscription>();
  private readonly serverSubs = new Set<string>();
  private queue: QueuedPublish[] = [];
  private readonly connectWaiters = new Set<{ resolve: () => void; reject: (e: Error) => void; timer: unknown }>();
  private readonly reconnectTimer: Timer;
  private readonly pingTimer: Timer;
  private readonly refreshTimer: Timer;
  private readonly connectTimer: Timer;
  private serverDisconnect: { code: number; reason: string; reconnect: boolean } | null = null;
  private generation = 0;
  private clientId = '';
  private lastDelay = -1;
  private lastPingInterval = 0;
  private transportFactory: TransportFactory | undefined;

  /**
   * @param url the WebSocket endpoint, e.g. `wss://host/connection/websocket`
   */
  constructor(readonly url: string, private readonly opts: HeraldOptions = {}) {
    super();
    this.token = opts.token;
    this.clock = opts.clock ?? systemClock;
    this.options = {
      timeout: opts.timeout ?? 10_000,
      maxPingDelay: opts.maxPingDelay ?? 10_000,
      maxQueuedPublishes: opts.maxQueuedPublishes ?? 1000,
      refreshAt: opts.refreshAt ?? 0.8,
    };
    this.backoff = new Backoff(opts.minReconnectDelay ?? 500, opts.maxReconnectDelay ?? 20_000, opts.random);
    this.requests = new PendingRequests(this.clock);
    this.reconnectTimer = new Timer(this.clock);
    this.pingTimer = new Timer(this.clock);
    this.refreshTimer = new Timer(this.clock);
    this.connectTimer = new Timer(this.clock);
  }

  /** 'disconnected', 'connecting' (also while waiting to reconnect) or 'connected'. */
  get state(): ConnectionState {
    return this.currentState;
  }

  /** This connection's id from the server ('' until connected). */
  get client(): string {
    return this.clientId;
  }

  /** The name of the transport in use or being tried (`websocket`, `sse`, `longpoll`), '' when there is none. */
  get transportName(): string {
    return this.transport?.name ?? '';
  }

  /** The delay chosen before the latest reconnect attempt, ms (-1 before the first). */
  get lastReconnectDelay(): number {
    return this.lastDelay;
  }

  /** Starts connecting; does nothing unless disconnected. */
  connect(): void {
    if (this.currentState !== 'disconnected') return;
    this.backoff.reset();
    this.setState('connecting', { code: 0, reason: 'connect called' });
    void this.openTransport();
  }

  /**
   * Closes the connection and stays disconnected. Requests in flight, queued publishes and calls
   * waiting for a connection are rejected with DISCONNECTED; subscriptions are kept and resubscribed
   * on the next `connect()`.
   */
  disconnect(): void {
    if (this.currentState === 'disconnected') return;
    this.closeTransport(1000, 'disconnect called');
    this.stopTimers();
    this.reconnectTimer.stop();
    this.enterDisconnected({ code: 0, reason: 'disconnect called' });
  }

  /**
   * A subscription to `channel`, subscribing at once (or as soon as the client is connected).
   * @throws HeraldError BAD_STATE when the client already has a live subscription to `channel`
   */
  subscribe(channel: string, options: SubscriptionOptions = {}): Subscription {
    const existing = this.subs.get(channel);
    if (existing && existing.state !== 'unsubscribed') {
      throw new HeraldError(HeraldError.BAD_STATE, `already subscribed to ${channel}; use getSubscription()`);
    }
    const sub = new Subscription(channel, options, this);
    this.subs.set(channel, sub);
    sub.subscribe();
    return sub;
  }

  /** The client's subscription to `channel`, if any. */
  getSubscription(channel: string): Subscription | undefined {
    return this.subs.get(channel);
  }

  /**
   * Publishes `data` to `channel`. While offline the publish waits in a bounded queue and is sent
   * after reconnecting; every publish carries an idempotency key, so a retry never delivers twice.
   * Rejects with QUEUE_FULL when `maxQueuedPublishes` are already waiting.
   */
  publish(channel: string, data: unknown): Promise<PublishResult> {
    return new Promise((resolve, reject) => {
      const entry: QueuedPublish = { channel, data, idempotencyKey: randomKey(), resolve, reject };
      if (this.currentState === 'connected') {
        this.sendPublish(entry);
      } else if (this.queue.length >= this.options.maxQueuedPublishes) {
        reject(new HeraldError(HeraldError.QUEUE_FULL,
          `offline publish queue is full (${this.options.maxQueuedPublishes}); wait for the connection`));
      } else {
        this.queue.push(entry);
      }
    });
  }

  /**
   * Calls `method` on the application's backend through Herald's RPC proxy. A streaming answer's
   * chunks go to `onChunk` in order; the promise resolves with `{chunks}` once the stream ended, or
   * with `{data}` for a single answer. Aborting `signal` sends `cancel` and rejects with CANCELLED.
   */
  rpc(method: string, data: unknown, options: RpcOptions = {}): Promise<RpcResult> {
    if (options.signal?.aborted) {
      return Promise.reject(new HeraldError(HeraldError.CANCELLED, `rpc ${method} cancelled`));
    }
    return this.whenConnected().then(
      () =>
        new Promise<RpcResult>((resolve, reject) => {
          let id = 0;
          const onAbort = () => {
            if (this.requests.take(id)) {
              this.sendFrame({ jsonrpc: '2.0', method: 'cancel', params: { id } });
              reject(new HeraldError(HeraldError.CANCELLED, `rpc ${method} cancelled`));
            }
          };
          const done = () => options.signal?.removeEventListener('abort', onAbort);
          id = this.request('rpc', { method, data }, {
            resolve: (r: RpcResult) => {
              done();
              resolve(r ?? {});
            },
            reject: (e: Error) => {
              done();
              reject(e);
            },
            onChunk: options.onChunk ?? (() => {}),
          });
          options.signal?.addEventListener('abort', onAbort);
        }),
    );
  }

  /** Reads a channel's history (newest last unless `reverse`). */
  async history(channel: string, options: HistoryOptions = {}): Promise<HistoryResult> {
    const params: Record<string, unknown> = { channel };
    if (options.limit !== undefined) params.limit = options.limit;
    if (options.since) params.since = options.since;
    if (options.reverse) params.reverse = true;
    const r = await this.call<HistoryResult>('history', params);
    return { ...r, publications: (r.publications ?? []).map((p) => ({ ...p, channel })) };
  }

  presence(channel: string): Promise<PresenceResult> {
    return this.call('presence', { channel });
  }

  presenceStats(channel: string): Promise<PresenceStatsResult> {
    return this.call('presenceStats', { channel });
  }

  /** Sends `data` to the backend as a `send` notification (no answer); waits for a connection. */
  async send(data: unknown): Promise<void> {
    await this.whenConnected();
    this.sendFrame({ jsonrpc: '2.0', method: 'send', params: { data } });
  }

  /** Resolves once connected; rejects after `timeout` ms or when the client disconnects for good. */
  ready(timeout = this.options.timeout): Promise<void> {
    return this.whenConnected(timeout);
  }

  // ---- SubscriptionHost ----

  /** @internal */
  subscribeNow(sub: Subscription): void {
    if (this.currentState === 'connected') void this.sendSubscribe(sub, this.generation);
  }

  /** @internal */
  unsubscribeNow(sub: Subscription): void {
    if (this.subs.get(sub.channel) === sub) this.subs.delete(sub.channel);
    if (this.currentState === 'connected') {
      this.request('unsubscribe', { channel: sub.channel }, {
        resolve: () => {},
        reject: (e) => this.emit('error', { type: 'unsubscribe', error: e }),
      });
    }
  }

  // ---- connection ----

  private async openTransport(): Promise<void> {
    const generation = ++this.generation;
    this.serverDisconnect = null;
    if (this.token === undefined && this.opts.getToken) {
      try {
        this.token = await this.opts.getToken();
      } catch (error) {
        if (generation !== this.generation) return;
        this.emit('error', { type: 'token', error: error as Error });
        this.scheduleReconnect({ code: 0, reason: 'getToken failed' });
        return;
      }
      if (generation !== this.generation || this.currentState !== 'connecting') return;
    }
    let factory: TransportFactory;
    try {
      factory = this.transportFactory ??= this.opts.transport ?? defaultTransport(this.url, this.opts, this.clock);
    } catch (error) {
      this.emit('error', { type: 'transport', error: error as Error });
      this.enterDisconnected({ code: 0, reason: (error as Error).message });
      return;
    }
    let transport: Transport;
    const armConnectTimer = () => this.connectTimer.start(this.options.timeout, () => {
      if (this.transport === transport) this.dropTransport(3004, 'connect timed out');
    });
    try {
      transport = factory(this.url, {
        onOpen: () => {
          if (this.transport === transport) void this.sendConnect(generation);
        },
        onMessage: (text) => {
          if (this.transport === transport) this.onFrame(text);
        },
        onClose: (code, reason) => {
          if (this.transport === transport) this.onTransportClosed(code, reason);
        },
        onFallback: () => {
          if (this.transport === transport) armConnectTimer();
        },
      });
    } catch (error) {
      this.emit('error', { type: 'transport', error: error as Error });
      this.scheduleReconnect({ code: 0, reason: 'cannot open the transport' });
      return;
    }
    this.transport = transport;
    armConnectTimer();
  }

  /**
   * Sends `connect`. Unless `subscribeOnConnect` is false, every subscription waiting to subscribe
   * goes into its `subs` param with its recovery position, so a reconnect recovers all channels in
   * the connect's round trip; a subscription whose params fail (getToken threw) subscribes alone.
   */
  private async sendConnect(generation: number): Promise<void> {
    // batch: onFrame reads arrays, so a burst of publications may arrive as one message.
    const params: Record<string, unknown> = { name: this.opts.name ?? 'herald-js', version: this.opts.version ?? VERSION, batch: true };
    if (this.token) params.token = this.token;
    const inConnect = new Map<string, Subscription>();
    if (this.opts.subscribeOnConnect !== false) {
      const subs: Record<string, unknown> = {};
      for (const sub of [...this.subs.values()].filter((s) => s.state === 'subscribing')) {
        try {
          const { channel, ...rest } = await sub.subscribeParams();
          subs[channel as string] = rest;
          inConnect.set(sub.channel, sub);
        } catch {
          // Subscribed alone after connecting, where the failure ends that subscription.
        }
      }
      if (generation !== this.generation) return;
      if (inConnect.size > 0) params.subs = subs;
    }
    this.request('connect', params, {
      resolve: (r: any) => {
        if (generation === this.generation) this.onConnected(r ?? {}, inConnect);
      },
      reject: (e: Error) => {
        if (generation !== this.generation) return;
        if (e instanceof HeraldError && e.code === HeraldError.TOKEN_EXPIRED && this.opts.getToken) {
          this.token = undefined;
        }
        this.emit('error', { type: 'connect', error: e });
        // The server closes the connection after a refused connect; the close code decides the rest.
      },
    });
  }

  private onConnected(r: any, inConnect: Map<string, Subscription>): void {
    this.connectTimer.stop();
    this.backoff.reset();
    this.clientId = r.client ?? '';
    this.currentState = 'connected';
    this.lastPingInterval = r.ping ?? 0;
    this.armPingMonitor(this.lastPingInterval);
    if (r.expires && typeof r.ttl === 'number') this.scheduleRefresh(r.ttl);
    this.emit('connected', { client: this.clientId, user: r.user ?? '', ping: r.ping ?? 0, transport: this.transportName });
    if (this.currentState !== 'connected') return;
    const generation = this.generation;
    for (const [channel, result] of Object.entries<any>(r.subs ?? {})) {
      const own = inConnect.get(channel);
      if (own && this.subs.get(channel) === own && own.state === 'subscribing') {
        inConnect.delete(channel);
        if (result.error) this.onSubscribeRefused(own, new HeraldError(result.error.code, result.error.message), generation);
        else own.handleSubscribed(result);
      } else if (result.error) {
        this.emit('error', { type: 'subscribe', error: new HeraldError(result.error.code, `${channel}: ${result.error.message}`) });
      } else if (!own) {
        this.onServerSubscribed(channel, result);
      }
    }
    for (const sub of this.subs.values()) {
      if (sub.state === 'subscribing') void this.sendSubscribe(sub, generation);
    }
    const queued = this.queue;
    this.queue = [];
    for (const entry of queued) this.sendPublish(entry);
    for (const w of [...this.connectWaiters]) {
      this.connectWaiters.delete(w);
      this.clock.clearTimeout(w.timer);
      w.resolve();
    }
  }

  private onTransportClosed(code: number, reason: string): void {
    this.transport = null;
    this.stopTimers();
    const told = this.serverDisconnect;
    this.serverDisconnect = null;
    if (told) {
      code = told.code;
      reason = told.reason;
    }
    const reconnect = told ? told.reconnect : shouldReconnect(code);
    // A message the server refused as too big would be refused again: do not resend it.
    this.requests.failAll(new HeraldError(HeraldError.CONNECTION_LOST, `connection lost (${code} ${reason})`), code === 1009);
    for (const sub of this.subs.values()) sub.handleConnectionLost(code, reason);
    this.serverSubs.clear();
    if (code === 3005) {
      if (!this.opts.getToken) {
        this.enterDisconnected({ code, reason: `${reason}: the token expired and there is no getToken to renew it` });
        return;
      }
      this.token = undefined;
    }
    if (this.currentState === 'disconnected') return;
    if (reconnect) this.scheduleReconnect({ code, reason });
    else this.enterDisconnected({ code, reason });
  }

  private scheduleReconnect(ctx: StateContext): void {
    this.setState('connecting', ctx);
    const delay = this.backoff.next();
    this.lastDelay = delay;
    this.reconnectTimer.start(delay, () => {
      if (this.currentState === 'connecting') void this.openTransport();
    });
  }

  private enterDisconnected(ctx: StateContext): void {
    this.generation++;
    this.requests.failAll(new HeraldError(HeraldError.DISCONNECTED, `disconnected: ${ctx.reason}`), true);
    for (const sub of this.subs.values()) sub.handleConnectionLost(ctx.code, ctx.reason);
    const error = new HeraldError(HeraldError.DISCONNECTED, `disconnected (${ctx.code} ${ctx.reason})`);
    for (const entry of this.queue.splice(0)) entry.reject(error);
    for (const w of [...this.connectWaiters]) {
      this.connectWaiters.delete(w);
      this.clock.clearTimeout(w.timer);
      w.reject(error);
    }
    this.setState('disconnected', ctx);
  }

  private setState(state: ConnectionState, ctx: StateContext): void {
    if (this.currentState === state) return;
    this.currentState = state;
    if (state !== 'connected') this.clientId = '';
    this.emit(state === 'connecting' ? 'connecting' : 'disconnected', ctx);
  }

  /** Closes the socket now and handles it as closed, without waiting for a closing handshake. */
  private dropTransport(code: number, reason: string): void {
    this.closeTransport(1000, reason);
    this.onTransportClosed(code, reason);
  }

  private closeTransport(code: number, reason: string): void {
    const ws = this.transport;
    this.transport = null;
    ws?.close(code, reason);
  }

  private stopTimers(): void {
    this.pingTimer.stop();
    this.refreshTimer.stop();
    this.connectTimer.stop();
  }

  private armPingMonitor(pingSeconds: number): void {
    if (pingSeconds <= 0) return;
    this.pingTimer.start(pingSeconds * 1000 + this.options.maxPingDelay, () => {
      if (this.transport) this.dropTransport(1006, 'no ping from the server');
    });
  }

  private scheduleRefresh(ttlSeconds: number): void {
    if (!this.opts.getToken) return;
    const delay = Math.max(0, ttlSeconds * 1000 * this.options.refreshAt);
    this.refreshTimer.start(delay, () => void this.refresh(ttlSeconds));
  }

  private async refresh(lastTtl: number): Promise<void> {
    const generation = this.generation;
    try {
      const token = await this.opts.getToken!();
      if (generation !== this.generation || this.currentState !== 'connected') return;
      this.token = token;
      const r = await this.call<{ expires: boolean; ttl?: number }>('refresh', { token });
      if (r.expires && typeof r.ttl === 'number') this.scheduleRefresh(r.ttl);
    } catch (error) {
      if (generation !== this.generation) return;
      this.emit('error', { type: 'refresh', error: error as Error });
      // Try again soon: the server keeps the connection until exp + grace.
      this.refreshTimer.start(Math.min(5000, Math.max(1000, lastTtl * 100)), () => void this.refresh(lastTtl));
    }
  }

  // ---- frames ----

  private onFrame(text: string): void {
    let parsed: any;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.emit('error', { type: 'transport', error: new Error('the server sent a frame that is not JSON') });
      return;
    }
    for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
      if (m && m.id !== undefined && m.method === undefined) this.onResponse(m);
      else if (m && typeof m.method === 'string') this.onNotification(m.method, m.params ?? {});
    }
  }

  private onResponse(m: any): void {
    if (typeof m.id !== 'number') return;
    const p = this.requests.take(m.id);
    if (!p) return;
    if (m.error) p.reject(new HeraldError(m.error.code, m.error.message));
    else p.resolve(m.result);
  }

  private onNotification(method: string, params: any): void {
    switch (method) {
      case 'ping':
        this.sendFrame({ jsonrpc: '2.0', method: 'pong' });
        if (this.currentState === 'connected') this.armPingMonitor(this.lastPingInterval);
        break;
      case 'publication': {
        const sub = this.subs.get(params.channel);
        if (sub && sub.state !== 'unsubscribed') sub.handlePublication(params);
        else if (this.serverSubs.has(params.channel)) this.emit('publication', params);
        break;
      }
      case 'join':
      case 'leave': {
        const sub = this.subs.get(params.channel);
        if (sub && sub.state !== 'unsubscribed') sub.handleJoinLeave(method, params);
        else this.emit(method, params);
        break;
      }
      case 'stream': {
        const p = this.requests.get(params.id);
        if (p?.onChunk) {
          this.requests.touch(params.id, this.options.timeout);
          p.onChunk(params.data, params.seq);
        }
        break;
      }
      case 'message':
        this.emit('message', { data: params.data });
        break;
      case 'subscribe':
        this.onServerSubscribed(params.channel, params);
        break;
      case 'unsubscribe': {
        const sub = this.subs.get(params.channel);
        if (sub && sub.state !== 'unsubscribed') {
          if (params.code >= 2500 && params.code < 3000) {
            sub.handleConnectionLost(params.code, params.reason);
            void this.sendSubscribe(sub, this.generation);
          } else {
            this.subs.delete(params.channel);
            sub.handleEnded(params.code, params.reason);
          }
        } else if (this.serverSubs.delete(params.channel)) {
          this.emit('unsubscribed', { channel: params.channel, code: params.code, reason: params.reason });
        }
        break;
      }
      case 'disconnect':
        this.serverDisconnect = { code: params.code, reason: params.reason, reconnect: params.reconnect !== false };
        break;
      default:
        break;
    }
  }

  private onServerSubscribed(channel: string, r: SubscribeResult): void {
    this.serverSubs.add(channel);
    this.emit('subscribed', {
      channel,
      recoverable: r.recoverable === true,
      wasRecovering: r.wasRecovering === true,
      recovered: r.recovered === true,
      streamPosition: r.epoch !== undefined ? { offset: r.offset ?? 0, epoch: r.epoch } : undefined,
    });
  }

  private async sendSubscribe(sub: Subscription, generation: number): Promise<void> {
    let params: Record<string, unknown>;
    try {
      params = await sub.subscribeParams();
    } catch (error) {
      sub.handleEnded(0, 'getToken failed', new HeraldError(HeraldError.BAD_STATE, String(error)));
      return;
    }
    if (generation !== this.generation || this.currentState !== 'connected' || this.subs.get(sub.channel) !== sub
        || sub.state !== 'subscribing') {
      return;
    }
    this.request('subscribe', params, {
      resolve: (r: SubscribeResult) => {
        if (generation === this.generation) sub.handleSubscribed(r ?? {});
      },
      reject: (e: Error) => {
        if (generation !== this.generation || !(e instanceof HeraldError)) return;
        if (e.code === HeraldError.CONNECTION_LOST || e.code === HeraldError.DISCONNECTED) return;
        this.onSubscribeRefused(sub, e, generation);
      },
    });
  }

  /** A refused subscribe: temporary errors (timeout, 100 internal, 111 busy) retry, the others end it. */
  private onSubscribeRefused(sub: Subscription, e: HeraldError, generation: number): void {
    if (e.code === HeraldError.TIMEOUT || e.code === 100 || e.code === 111) {
      sub.handleError(e);
      this.clock.setTimeout(() => {
        if (generation === this.generation && sub.state === 'subscribing') void this.sendSubscribe(sub, generation);
      }, this.options.timeout / 10 + 500);
      return;
    }
    this.subs.delete(sub.channel);
    sub.handleEnded(e.code, e.message, e);
  }

  private sendPublish(entry: QueuedPublish): void {
    this.request('publish', { channel: entry.channel, data: entry.data, idempotencyKey: entry.idempotencyKey }, {
      resolve: (r: PublishResult) => entry.resolve(r ?? {}),
      reject: entry.reject,
      retry: () => this.queue.unshift(entry),
    });
  }

  /** A request once connected (waiting up to `timeout` for a connection). */
  private async call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    await this.whenConnected();
    return new Promise<T>((resolve, reject) => {
      this.request(method, params, { resolve, reject });
    });
  }

  private request(method: string, params: Record<string, unknown>,
    handlers: { resolve: (r: any) => void; reject: (e: Error) => void; onChunk?: (d: any, s: number) => void; retry?: () => void }): number {
    const id = this.requests.add({ method, ...handlers }, this.options.timeout);
    if (!this.sendFrame({ jsonrpc: '2.0', id, method, params })) {
      const p = this.requests.take(id);
      if (p?.retry) p.retry();
      else p?.reject(new HeraldError(HeraldError.CONNECTION_LOST, `${method}: not connected`));
    }
    return id;
  }

  private sendFrame(frame: unknown): boolean {
    return this.transport !== null && this.transport.send(JSON.stringify(frame));
  }

  private whenConnected(timeout = this.options.timeout): Promise<void> {
    if (this.currentState === 'connected') return Promise.resolve();
    if (this.currentState === 'disconnected') {
      return Promise.reject(new HeraldError(HeraldError.DISCONNECTED, 'disconnected: call connect() first'));
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: this.clock.setTimeout(() => {
          this.connectWaiters.delete(waiter);
          reject(new HeraldError(HeraldError.TIMEOUT, `not connected within ${timeout} ms`));
        }, timeout),
      };
      this.connectWaiters.add(waiter);
    });
  }
}

/** The reconnect rule of the close codes: 3500-3999 and 4500-4999 mean stay away, so do client faults. */
export function shouldReconnect(code: number): boolean {
  if ((code >= 3500 && code < 4000) || (code >= 4500 && code < 5000)) return false;
  return !CLIENT_FAULT_CODES.has(code);
}

function randomKey(): string {
  const c = (globalThis as any).crypto;
  if (c && typeof c.getRandomValues === 'function') {
    const bytes = new Uint8Array(16);
    c.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2) + Date.now().toString(36);
}
