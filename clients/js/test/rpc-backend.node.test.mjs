// Streaming rpc end to end: the SDK against a real Herald whose rpc proxy points at the example
// AI backend (examples/ai-backend/AiBackend.java, run by the JDK as a source file). The browser
// logs in for a session cookie; Herald's connect proxy turns the cookie into the user, and `ask`
// streams the answer token by token as `stream` notifications that reach `onChunk` in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Herald, HeraldError } from '../dist/herald.js';
import { startAiBackend, startHerald, until } from './harness.mjs';

let backend;
let server;
let cookie;

before(async () => {
  backend = await startAiBackend({ tokenDelayMs: 20 });
  const base = backend.base;
  server = await startHerald({
    client: { allowAnonymous: false },
    extra: {
      proxy: {
        connect: { endpoint: `${base}/herald/connect`, headers: ['Cookie'] },
        rpc: { endpoint: `${base}/herald/rpc`, timeout: '10s', headers: ['Cookie'] },
      },
    },
  });
  cookie = await backend.login('ann');
});

after(async () => {
  await server?.stop();
  backend?.stop();
});

/** A client whose WebSocket handshake carries the session cookie, as a logged-in browser's does. */
function loggedIn() {
  class CookieWebSocket extends WebSocket {
    constructor(url) {
      super(url, { headers: { Cookie: cookie } });
    }
  }
  return new Herald(server.url, { websocket: CookieWebSocket });
}

test('an answer streams token by token into onChunk, in order, then resolves with the count', async () => {
  const h = loggedIn();
  try {
    h.connect();
    await h.ready(10_000);
    const chunks = [];
    const result = await h.rpc('ask', { question: 'What is Herald?' }, { onChunk: (c, seq) => chunks.push({ c, seq }) });
    assert.equal(result.chunks, chunks.length);
    assert.ok(chunks.length > 40, `${chunks.length} tokens`);
    assert.deepEqual(chunks.map((x) => x.seq), chunks.map((_, i) => i));
    const text = chunks.map((x) => x.c.token).join('');
    assert.match(text, /^Hello ann\. You asked: "What is Herald\?"\. Here is what I think\. Herald streams each token/);
    assert.match(text, /generating at once instead of wasting work\. $/);
  } finally {
    h.disconnect();
  }
});

test('aborting a streaming rpc cancels it: the backend stops generating', async () => {
  const h = loggedIn();
  try {
    h.connect();
    await h.ready(10_000);
    const stop = new AbortController();
    let seen = 0;
    const answer = h.rpc('ask', { question: 'stop me' }, {
      signal: stop.signal,
      onChunk: () => {
        if (++seen === 3) stop.abort();
      },
    });
    await assert.rejects(answer, (e) => e instanceof HeraldError && e.code === HeraldError.CANCELLED);
    await until(() => /ask by ann: cancelled after \d+ of \d+ tokens/.test(backend.output()), 10_000, 'the backend to stop');
    // The connection stays usable.
    const whoami = await h.rpc('whoami', {});
    assert.deepEqual(whoami.data, { user: 'ann' });
  } finally {
    h.disconnect();
  }
});

test('without the session cookie the backend refuses the connect and the client stays disconnected', async () => {
  const h = new Herald(server.url, { websocket: WebSocket });
  const errors = [];
  h.on('error', (e) => errors.push(e));
  h.connect();
  await until(() => errors.some((e) => e.type === 'connect'), 10_000, 'the refused connect');
  const refused = errors.find((e) => e.type === 'connect').error;
  assert.equal(refused.code, 4010);
  h.disconnect();
});
