import { systemClock, type Clock } from './clock.js';
import { HeraldError } from './errors.js';
import {
  ConnectFrame,
  errorText,
  endpointUrl,
  httpFailure,
  HttpTransport,
  type FetchFunction,
  type HttpTransportOptions,
  type PostFailure,
} from './emulation.js';
import type { TransportFactory, TransportHandlers } from './transport.js';

/** Tries of one poll before the session counts as lost (a lost answer is repeated with the same cursor). */
const POLL_TRIES = 3;
const POLL_RETRY_DELAY = 1000;

/**
 * The long-poll transport: `POST /connection/longpoll` opens the session with the `connect`
 * params, then polls with the cursor of the previous answer, which confirms what it delivered;
 * the client's messages go by emulation POST (docs/transports.md). It reports `onOpen` at once;
 * the first frame sent must be `connect`. A poll that fails is repeated with the same cursor
 * (nothing is lost) up to 3 times, a second apart; then, or when the session is gone or closed,
 * the transport closes.
 * @throws HeraldError BAD_STATE when there is no `fetch`
 */
export function longPollTransport(options: HttpTransportOptions = {}): TransportFactory {
  const fetchFn = options.fetch ?? (globalThis as any).fetch;
  if (typeof fetchFn !== 'function') {
    throw new HeraldError(HeraldError.BAD_STATE, 'the long-poll transport needs fetch');
  }
  const credentials = options.credentials ?? 'include';
  const clock = options.clock ?? systemClock;
  return (url, handlers) => new LongPollTransport(url, handlers, fetchFn.bind(globalThis), credentials, clock);
}

interface PollAnswer {
  session?: string;
  cursor?: number;
  messages?: unknown[];
  closed?: boolean;
}

class LongPollTransport extends HttpTransport {
  readonly name = 'longpoll';
  private readonly pollUrl: string;

  constructor(url: string, handlers: TransportHandlers, fetchFn: FetchFunction, credentials: RequestCredentials,
    private readonly clock: Clock) {
    super(url, handlers, fetchFn, credentials);
    this.pollUrl = endpointUrl(url, 'longpoll');
  }

  protected async open(connect: ConnectFrame): Promise<void> {
    const opened = await this.request({ connect: connect.params }, 1);
    if (!opened) return;
    const [first, ...rest] = opened.messages ?? [];
    const reply = connect.reply(first);
    if (reply.session && typeof opened.cursor === 'number') this.startSession(reply.session);
    this.handlers.onMessage(reply.text);
    let answer: PollAnswer | null = { ...opened, messages: rest };
    for (;;) {
      // A batch's answers are one message holding an array: the client takes them as one list.
      const messages = (answer.messages ?? []).flat();
      if (messages.length > 0 && !this.closed) this.handlers.onMessage(JSON.stringify(messages));
      if (this.closed) return;
      if (answer.closed || !this.sender) {
        this.fail(1006, answer.closed ? 'the session was closed' : 'connect refused');
        return;
      }
      answer = await this.request({ session: this.sender.session, cursor: answer.cursor }, POLL_TRIES);
      if (!answer) return;
    }
  }

  /**
   * One open or poll, repeated up to `tries` times; null once the transport has failed (as
   * unreachable when no try got an HTTP answer).
   */
  private async request(body: object, tries: number): Promise<PollAnswer | null> {
    let failure: PostFailure = { code: 1006, reason: 'long-poll failed' };
    let answered = false;
    for (let attempt = 1; attempt <= tries && !this.closed; attempt++) {
      if (attempt > 1) await new Promise((r) => this.clock.setTimeout(() => r(undefined), POLL_RETRY_DELAY));
      if (this.closed) return null;
      try {
        const res = await this.fetchFn(this.pollUrl, {
          method: 'POST',
          body: JSON.stringify(body),
          credentials: this.credentials,
          cache: 'no-store',
          headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
          signal: this.abort.signal,
        });
        answered = true;
        if (res.ok) return (await res.json()) as PollAnswer;
        failure = httpFailure(res.status, await errorText(res));
        if (res.status < 500) break;
      } catch (error) {
        failure = { code: 1006, reason: `long-poll failed: ${(error as Error).message}` };
      }
    }
    this.fail(failure.code, failure.reason, !answered);
    return null;
  }
}
