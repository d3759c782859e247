import { HeraldError } from './errors.js';
import { ConnectFrame, endpointUrl, errorText, httpFailure, HttpTransport, type HttpTransportOptions } from './emulation.js';
import type { TransportFactory } from './transport.js';

/**
 * The SSE transport: `GET /connection/sse?connect=…` read as a stream with `fetch`, and the
 * client's messages by emulation POST (docs/transports.md). It reports `onOpen` at once; the first
 * frame sent must be `connect`, whose params open the stream. The stream's end is the session's
 * end: the transport closes (1006 unless the server said otherwise with a `disconnect` message)
 * and the client opens a new session that recovers its channels.
 * @throws HeraldError BAD_STATE when there is no `fetch` or no streamed response body
 */
export function sseTransport(options: HttpTransportOptions = {}): TransportFactory {
  const fetchFn = options.fetch ?? (globalThis as any).fetch;
  if (typeof fetchFn !== 'function' || typeof (globalThis as any).ReadableStream !== 'function'
      || typeof (globalThis as any).TextDecoder !== 'function') {
    throw new HeraldError(HeraldError.BAD_STATE, 'the SSE transport needs fetch with streamed bodies');
  }
  const credentials = options.credentials ?? 'include';
  return (url, handlers) => new SseTransport(url, handlers, fetchFn.bind(globalThis), credentials);
}

class SseTransport extends HttpTransport {
  readonly name = 'sse';

  protected async open(connect: ConnectFrame): Promise<void> {
    const url = new URL(endpointUrl(this.url, 'sse'));
    url.searchParams.set('connect', JSON.stringify(connect.params));
    let res: Response;
    try {
      res = await this.fetchFn(url.toString(), {
        headers: { Accept: 'text/event-stream' },
        credentials: this.credentials,
        cache: 'no-store',
        signal: this.abort.signal,
      });
    } catch (error) {
      this.fail(1006, `SSE request failed: ${(error as Error).message}`, true);
      return;
    }
    if (!res.ok || !res.body) {
      const failure = httpFailure(res.status, await errorText(res));
      this.fail(failure.code, failure.reason);
      return;
    }
    const reader = res.body.getReader();
    const events = new EventStreamParser();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || this.closed) break;
        for (const data of events.push(decoder.decode(value, { stream: true }))) this.onEvent(connect, data);
      }
    } catch (error) {
      this.fail(1006, `SSE stream broke: ${(error as Error).message}`);
      return;
    }
    this.fail(1006, 'SSE stream ended');
  }

  private onEvent(connect: ConnectFrame, data: string): void {
    if (this.closed) return;
    if (this.sender) {
      this.handlers.onMessage(data);
      return;
    }
    let reply;
    try {
      reply = connect.reply(JSON.parse(data));
    } catch {
      this.fail(1006, 'the first SSE event is not JSON');
      return;
    }
    if (reply.session) this.startSession(reply.session);
    this.handlers.onMessage(reply.text);
  }
}

/**
 * Splits a `text/event-stream` into the `data` of its events (several `data:` lines joined with
 * `\n`); comments, `id:`, `event:` and `retry:` lines are skipped.
 */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];

  /** Feeds decoded text; returns the data of every event it completed. */
  push(text: string): string[] {
    this.buffer += text;
    const events: string[] = [];
    let start = 0;
    for (;;) {
      const end = this.buffer.indexOf('\n', start);
      if (end < 0) break;
      let line = this.buffer.slice(start, end);
      start = end + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (this.data.length > 0) events.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) {
        this.data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
      }
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }
}
