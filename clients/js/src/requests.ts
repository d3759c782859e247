import type { Clock } from './clock.js';
import { HeraldError } from './errors.js';

/** A request sent and not answered yet. */
export interface Pending {
  method: string;
  resolve: (result: any) => void;
  reject: (error: Error) => void;
  timer: unknown;
  /** Streamed chunks of an rpc. */
  onChunk?: (data: any, seq: number) => void;
  /** Set for publishes: they go back to the offline queue when the connection is lost. */
  retry?: () => void;
}

/** Requests in flight on the current connection, by JSON-RPC id. */
export class PendingRequests {
  private readonly byId = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  /** Registers a request and returns its id; it is rejected with TIMEOUT after `timeout` ms. */
  add(entry: Omit<Pending, 'timer'>, timeout: number): number {
    const id = this.nextId++;
    const pending: Pending = { ...entry, timer: null };
    pending.timer = this.arm(id, pending, timeout);
    this.byId.set(id, pending);
    return id;
  }

  /** Restarts the timeout of `id` (each rpc chunk does). */
  touch(id: number, timeout: number): void {
    const p = this.byId.get(id);
    if (!p) return;
    this.clock.clearTimeout(p.timer);
    p.timer = this.arm(id, p, timeout);
  }

  get(id: number): Pending | undefined {
    return this.byId.get(id);
  }

  /** Removes `id` and returns it, with its timer stopped. */
  take(id: number): Pending | undefined {
    const p = this.byId.get(id);
    if (p) {
      this.byId.delete(id);
      this.clock.clearTimeout(p.timer);
    }
    return p;
  }

  /** Ends every request: publishes are retried (unless `noRetry`), the rest rejected with `error`. */
  failAll(error: HeraldError, noRetry = false): void {
    const all = [...this.byId.keys()].sort((a, b) => a - b);
    for (const id of all) {
      const p = this.take(id)!;
      if (p.retry && !noRetry) p.retry();
      else p.reject(error);
    }
  }

  private arm(id: number, p: Pending, timeout: number): unknown {
    return this.clock.setTimeout(() => {
      if (this.byId.get(id) === p) {
        this.byId.delete(id);
        p.reject(new HeraldError(HeraldError.TIMEOUT, `${p.method}: no answer within ${timeout} ms`));
      }
    }, timeout);
  }
}
