import { Timer, type Clock } from './clock.js';
import type { Transport, TransportFactory, TransportHandlers } from './transport.js';

/** One transport the client may use, in the order of preference. */
export interface TransportCandidate {
  name: string;
  factory: TransportFactory;
}

/** The few `Storage` methods the memory uses (`localStorage` in browsers). */
export type TransportStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const inMemory = new Map<string, { name: string; until: number }>();

/**
 * Remembers which transport worked for an endpoint when a better one did not, for `ttl` ms: in
 * memory (shared by every client of the page or process) and in `storage` when there is one, so a
 * reload starts with the transport that worked. Storage that throws (private modes, sandboxed
 * frames) is ignored.
 */
export class TransportMemory {
  private readonly key: string;

  constructor(url: string, private readonly ttl: number, private readonly clock: Clock,
    private readonly storage: TransportStorage | null) {
    this.key = `herald-transport:${url}`;
  }

  /** The remembered transport, or undefined when none is remembered or it expired. */
  recall(): string | undefined {
    if (this.ttl <= 0) return undefined;
    let entry = inMemory.get(this.key);
    if (!entry && this.storage) {
      try {
        const stored = JSON.parse(this.storage.getItem(this.key) ?? 'null');
        if (stored && typeof stored.name === 'string' && typeof stored.until === 'number') entry = stored;
      } catch {
        // Unreadable storage: nothing remembered.
      }
    }
    if (!entry) return undefined;
    if (entry.until <= this.clock.now()) {
      this.forget();
      return undefined;
    }
    return entry.name;
  }

  /** Remembers `name` for the next connections. */
  remember(name: string): void {
    if (this.ttl <= 0) return;
    const entry = { name, until: this.clock.now() + this.ttl };
    inMemory.set(this.key, entry);
    this.write((s) => s.setItem(this.key, JSON.stringify(entry)));
  }

  /** Forgets what was remembered: the next connection starts with the first transport again. */
  forget(): void {
    inMemory.delete(this.key);
    this.write((s) => s.removeItem(this.key));
  }

  private write(action: (storage: TransportStorage) => void): void {
    if (!this.storage) return;
    try {
      action(this.storage);
    } catch {
      // Full or forbidden storage: the memory still holds it for this page.
    }
  }
}

/**
 * A transport that tries `candidates` in order until one carries the server's first message (the
 * answer to `connect`), all within one connection attempt of the client:
 * - it starts with the remembered transport when there is one, else with the first candidate;
 * - a candidate fails when it closes before the server's first message, or when that message has
 *   not arrived within `timeout` ms (a proxy that holds a streamed response back); the last
 *   candidate has no timeout of its own (the client's connect timeout applies);
 * - after a failure the next candidate gets the same `connect` frame and the client is told
 *   through `onFallback`; when the last one fails too, the client gets its `onClose`;
 * - a candidate reached by falling back in this attempt is remembered when it works, unless every
 *   candidate before it failed as unreachable (an HTTP request that got no answer at all: the
 *   network, not the transport); a remembered one that works again does not extend its time; a
 *   success of the first forgets it; a failure of every candidate changes nothing.
 */
export function fallbackTransport(candidates: TransportCandidate[], options: {
  timeout: number;
  clock: Clock;
  memory: TransportMemory;
}): TransportFactory {
  if (candidates.length === 0) throw new Error('no transport to fall back on');
  return (url, handlers) => new FallbackTransport(url, handlers, candidates, options.timeout, options.clock, options.memory);
}

class FallbackTransport implements Transport {
  private index: number;
  private readonly startIndex: number;
  private current: Transport | null = null;
  private connectFrame: string | null = null;
  private currentOpen = false;
  private established = false;
  /** A candidate of this attempt failed in a way that points at the network path, not an outage. */
  private blocked = false;
  private closed = false;
  private readonly candidateTimer: Timer;

  constructor(
    private readonly url: string,
    private readonly handlers: TransportHandlers,
    private readonly candidates: TransportCandidate[],
    private readonly timeout: number,
    clock: Clock,
    private readonly memory: TransportMemory,
  ) {
    this.candidateTimer = new Timer(clock);
    const remembered = memory.recall();
    this.index = Math.max(0, candidates.findIndex((c) => c.name === remembered));
    this.startIndex = this.index;
    queueMicrotask(() => {
      if (!this.closed) handlers.onOpen();
    });
    this.start();
  }

  get name(): string {
    return this.candidates[this.index].name;
  }

  send(text: string): boolean {
    if (this.closed) return false;
    if (this.connectFrame === null) {
      this.connectFrame = text;
      if (this.currentOpen) this.current?.send(text);
      // The candidate's time counts from the connect frame: the client may have waited for tokens.
      if (this.candidateTimer.active) this.armCandidateTimer();
      return true;
    }
    return this.current !== null && this.current.send(text);
  }

  close(code: number, reason: string): void {
    this.closed = true;
    this.candidateTimer.stop();
    const current = this.current;
    this.current = null;
    current?.close(code, reason);
  }

  private start(): void {
    const candidate = this.candidates[this.index];
    this.currentOpen = false;
    let transport: Transport;
    try {
      transport = candidate.factory(this.url, {
        onOpen: () => {
          if (this.current !== transport) return;
          this.currentOpen = true;
          if (this.connectFrame !== null) transport.send(this.connectFrame);
        },
        onMessage: (text) => {
          if (this.current !== transport) return;
          if (!this.established) this.onEstablished();
          this.handlers.onMessage(text);
        },
        onClose: (code, reason, unreachable) => {
          if (this.current !== transport) return;
          this.current = null;
          if (this.established) this.finish(code, reason);
          else this.next(code, `${candidate.name}: ${reason}`, unreachable === true);
        },
      });
    } catch (error) {
      queueMicrotask(() => this.next(1006, `${candidate.name}: ${(error as Error).message}`, false));
      return;
    }
    this.current = transport;
    if (this.index < this.candidates.length - 1) this.armCandidateTimer();
  }

  /** Gives the current candidate `timeout` ms to bring the server's first message. */
  private armCandidateTimer(): void {
    const transport = this.current;
    const name = this.name;
    this.candidateTimer.start(this.timeout, () => {
      if (!transport || this.current !== transport || this.established) return;
      this.current = null;
      transport.close(1000, 'no answer in time');
      this.next(1006, `${name}: no answer within ${this.timeout} ms`, false);
    });
  }

  private onEstablished(): void {
    this.established = true;
    this.candidateTimer.stop();
    // Remembered only when reached by falling back now, past a transport that failed for a reason
    // other than an unreachable server (a network that came back between two candidates proves
    // nothing), so the memory expires and the better transports are tried again; a working first
    // transport clears it.
    if (this.index === 0) this.memory.forget();
    else if (this.index !== this.startIndex && this.blocked) this.memory.remember(this.name);
  }

  /** The current candidate failed before the server answered: the next one, or give up. */
  private next(code: number, reason: string, unreachable: boolean): void {
    if (this.closed) return;
    this.candidateTimer.stop();
    if (!unreachable) this.blocked = true;
    if (this.index + 1 >= this.candidates.length) {
      // Every transport failing says the network or the server is down, not which transport
      // works: what was remembered stays.
      this.finish(code, reason);
      return;
    }
    const from = this.candidates[this.index].name;
    this.index++;
    this.handlers.onFallback?.(from, this.candidates[this.index].name, reason);
    this.start();
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.candidateTimer.stop();
    this.handlers.onClose(code, reason);
  }
}
