import { Emitter } from './emitter.js';
import { HeraldError } from './errors.js';
import type {
  ErrorContext,
  HistoryOptions,
  HistoryResult,
  JoinLeaveContext,
  PresenceResult,
  PresenceStatsResult,
  Publication,
  PublishResult,
  StreamPosition,
  SubscribedContext,
  SubscriptionOptions,
  UnsubscribedContext,
} from './types.js';

export type SubscriptionState = 'unsubscribed' | 'subscribing' | 'subscribed';

export interface SubscriptionEvents {
  subscribing: { channel: string; code: number; reason: string };
  subscribed: SubscribedContext;
  publication: Publication;
  join: JoinLeaveContext;
  leave: JoinLeaveContext;
  unsubscribed: UnsubscribedContext;
  error: ErrorContext;
}

/** What a subscription needs from its client; implemented by `Herald`. */
export interface SubscriptionHost {
  subscribeNow(sub: Subscription): void;
  unsubscribeNow(sub: Subscription): void;
  publish(channel: string, data: unknown): Promise<PublishResult>;
  history(channel: string, options?: HistoryOptions): Promise<HistoryResult>;
  presence(channel: string): Promise<PresenceResult>;
  presenceStats(channel: string): Promise<PresenceStatsResult>;
}

/** The subscribe result as the server sends it. */
export interface SubscribeResult {
  recoverable?: boolean;
  offset?: number;
  epoch?: string;
  wasRecovering?: boolean;
  recovered?: boolean;
  publications?: Array<Omit<Publication, 'channel'>>;
}

/**
 * One channel subscription. Created by `Herald.subscribe`; it stays wanted until `unsubscribe()`,
 * across reconnects: after each reconnect the client subscribes it again, recovering what it
 * missed from its last seen offset and epoch (channels with history). Events: `subscribing`,
 * `subscribed`, `publication`, `join`, `leave`, `unsubscribed`, `error`.
 */
export class Subscription extends Emitter<SubscriptionEvents> {
  private currentState: SubscriptionState = 'unsubscribed';
  private position: StreamPosition | undefined;
  private recoverable = false;
  private buffered: Publication[] = [];
  private readyWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  /** @internal */
  constructor(
    readonly channel: string,
    readonly options: SubscriptionOptions,
    private readonly host: SubscriptionHost,
  ) {
    super();
    this.position = options.since ? { ...options.since } : undefined;
  }

  get state(): SubscriptionState {
    return this.currentState;
  }

  /** The last position seen in the channel's stream (channels with history), or undefined. */
  get streamPosition(): StreamPosition | undefined {
    return this.position ? { ...this.position } : undefined;
  }

  /** Starts subscribing (again, after `unsubscribe()`); the client sends it once connected. */
  subscribe(): void {
    if (this.currentState !== 'unsubscribed') return;
    this.setSubscribing(0, 'subscribe called');
    this.host.subscribeNow(this);
  }

  /** Ends the subscription; it is no longer resubscribed after reconnects. */
  unsubscribe(): void {
    if (this.currentState === 'unsubscribed') return;
    this.finish(0, 'unsubscribe called');
    this.host.unsubscribeNow(this);
  }

  /** Resolves once subscribed; rejects if the subscription ends first or `timeout` ms pass. */
  ready(timeout?: number): Promise<void> {
    if (this.currentState === 'subscribed') return Promise.resolve();
    if (this.currentState === 'unsubscribed') {
      return Promise.reject(new HeraldError(HeraldError.UNSUBSCRIBED, `not subscribed to ${this.channel}`));
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      this.readyWaiters.push(waiter);
      if (timeout !== undefined) {
        setTimeout(() => {
          const i = this.readyWaiters.indexOf(waiter);
          if (i >= 0) {
            this.readyWaiters.splice(i, 1);
            reject(new HeraldError(HeraldError.TIMEOUT, `not subscribed to ${this.channel} within ${timeout} ms`));
          }
        }, timeout);
      }
    });
  }

  publish(data: unknown): Promise<PublishResult> {
    return this.host.publish(this.channel, data);
  }

  history(options?: HistoryOptions): Promise<HistoryResult> {
    return this.host.history(this.channel, options);
  }

  presence(): Promise<PresenceResult> {
    return this.host.presence(this.channel);
  }

  presenceStats(): Promise<PresenceStatsResult> {
    return this.host.presenceStats(this.channel);
  }

  /** @internal The params of the next `subscribe` request. */
  async subscribeParams(): Promise<Record<string, unknown>> {
    const params: Record<string, unknown> = { channel: this.channel };
    const token = this.options.token ?? (this.options.getToken ? await this.options.getToken(this.channel) : undefined);
    if (token) params.token = token;
    if (this.options.joinLeave) params.joinLeave = true;
    if (this.options.recover !== false && this.position) {
      params.recover = true;
      params.offset = this.position.offset;
      params.epoch = this.position.epoch;
    }
    return params;
  }

  /** @internal */
  handleSubscribed(result: SubscribeResult): void {
    if (this.currentState !== 'subscribing') return;
    this.currentState = 'subscribed';
    this.recoverable = result.recoverable === true;
    const wasRecovering = result.wasRecovering === true;
    const recovered = result.recovered === true;
    if (result.epoch !== undefined && result.offset !== undefined) {
      if (!(wasRecovering && recovered) || !this.position || this.position.epoch !== result.epoch) {
        this.position = { offset: result.offset, epoch: result.epoch };
      }
    } else {
      this.position = undefined;
    }
    const missed = wasRecovering && recovered ? result.publications ?? [] : [];
    const live = this.buffered;
    this.buffered = [];
    this.emit('subscribed', {
      channel: this.channel,
      recoverable: this.recoverable,
      wasRecovering,
      recovered,
      streamPosition: result.epoch !== undefined ? { offset: result.offset ?? 0, epoch: result.epoch } : undefined,
    });
    for (const p of missed) this.handlePublication({ ...p, channel: this.channel });
    if (this.position && result.offset !== undefined && result.offset > this.position.offset) {
      this.position.offset = result.offset;
    }
    for (const p of live) this.handlePublication(p);
    for (const w of this.readyWaiters.splice(0)) w.resolve();
  }

  /** @internal A publication for this channel; skips repeats of offsets already seen. */
  handlePublication(p: Publication): void {
    if (this.currentState === 'subscribing') {
      this.buffered.push(p);
      return;
    }
    if (this.currentState !== 'subscribed') return;
    if (p.offset !== undefined && this.position) {
      if (p.offset <= this.position.offset) return;
      this.position.offset = p.offset;
    }
    this.emit('publication', p);
  }

  /** @internal */
  handleJoinLeave(kind: 'join' | 'leave', ctx: JoinLeaveContext): void {
    if (this.currentState === 'subscribed') this.emit(kind, ctx);
  }

  /** @internal The connection was lost: the subscription waits for the next connect. */
  handleConnectionLost(code: number, reason: string): void {
    if (this.currentState === 'subscribed') this.setSubscribing(code, reason);
    this.buffered = [];
  }

  /** @internal A subscribe that failed for good, or a server-side unsubscribe. */
  handleEnded(code: number, reason: string, error?: HeraldError): void {
    if (error) this.emit('error', { type: 'subscribe', error });
    this.finish(code, reason);
  }

  /** @internal A subscribe that failed for now and will be retried. */
  handleError(error: HeraldError): void {
    this.emit('error', { type: 'subscribe', error });
  }

  private setSubscribing(code: number, reason: string): void {
    this.currentState = 'subscribing';
    this.emit('subscribing', { channel: this.channel, code, reason });
  }

  private finish(code: number, reason: string): void {
    this.currentState = 'unsubscribed';
    this.buffered = [];
    for (const w of this.readyWaiters.splice(0)) {
      w.reject(new HeraldError(HeraldError.UNSUBSCRIBED, `${this.channel}: ${reason}`));
    }
    this.emit('unsubscribed', { channel: this.channel, code, reason });
  }
}
