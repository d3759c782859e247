import type { Clock } from './clock.js';
import { HeraldError } from './errors.js';
import { fallbackTransport, TransportMemory, type TransportCandidate, type TransportStorage } from './fallback.js';
import { longPollTransport } from './longpoll.js';
import { sseTransport } from './sse.js';
import { webSocketTransport, type TransportFactory } from './transport.js';
import type { HeraldOptions, TransportName } from './types.js';

/** The transports tried, in this order, unless `options.transports` says otherwise. */
export const DEFAULT_TRANSPORTS: readonly TransportName[] = ['websocket', 'sse', 'longpoll'];

/**
 * The client's transport when `options.transport` is not given: the chain of
 * `options.transports` this runtime can open (WebSocket needs a WebSocket class, SSE `fetch` with
 * streamed bodies, long-poll `fetch`), falling back from one to the next and remembering what
 * worked for `options.rememberTransport` ms.
 * @throws HeraldError BAD_STATE when none of them can be opened here
 */
export function defaultTransport(url: string, options: HeraldOptions, clock: Clock): TransportFactory {
  const http = { fetch: options.fetch, credentials: options.credentials, clock };
  const makers: Record<TransportName, () => TransportFactory> = {
    websocket: () => webSocketTransport(options.websocket),
    sse: () => sseTransport(http),
    longpoll: () => longPollTransport(http),
  };
  const candidates: TransportCandidate[] = [];
  const missing: string[] = [];
  for (const name of options.transports ?? DEFAULT_TRANSPORTS) {
    const make = makers[name];
    if (!make) throw new HeraldError(HeraldError.BAD_STATE, `unknown transport ${name}: use websocket, sse or longpoll`);
    try {
      candidates.push({ name, factory: make() });
    } catch (error) {
      missing.push((error as Error).message);
    }
  }
  if (candidates.length === 0) {
    throw new HeraldError(HeraldError.BAD_STATE, `no transport can be opened here: ${missing.join('; ')}`);
  }
  if (candidates.length === 1) return candidates[0].factory;
  const storage = options.storage !== undefined ? options.storage : localStorageIfAny();
  const memory = new TransportMemory(url, options.rememberTransport ?? 3_600_000, clock, storage);
  return fallbackTransport(candidates, { timeout: options.fallbackTimeout ?? 5000, clock, memory });
}

function localStorageIfAny(): TransportStorage | null {
  try {
    return (globalThis as any).localStorage ?? null;
  } catch {
    return null; // Access itself throws in sandboxed frames.
  }
}
