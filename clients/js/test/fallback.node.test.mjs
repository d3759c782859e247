// The SDK's own fallback, WebSocket -> SSE -> long-poll, against a real Herald behind a hostile
// HTTP proxy (Node, fetch and the ws package): a session over each fallback does what a WebSocket
// session does, recovers after a network cut, and the transport that worked is remembered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { fallbackTransport, Herald, HeraldError, TransportMemory } from '../dist/herald.js';
import { FakeClock } from './fake-clock.mjs';
import { startHttpProxy } from './http-proxy.mjs';
import { next, startHerald, until } from './harness.mjs';

let server;
const clients = [];

before(async () => {
  server = await startHerald({ extra: { fallback: { maxRequestSize: 16384 } } });
});
after(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});

/** A `Storage` in a Map, as `localStorage` would hold it. */
function mapStorage() {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
}

function client(url, options = {}) {
  const h = new Herald(url, {
    websocket: WebSocket, minReconnectDelay: 50, maxReconnectDelay: 200, fallbackTimeout: 3000, ...options,
  });
  clients.push(h);
  return h;
}

const hostile = [
  { expected: 'sse', buffer: false, network: 'refuses WebSocket upgrades' },
  { expected: 'longpoll', buffer: true, network: 'refuses WebSocket upgrades and buffers whole responses' },
];

for (const { expected, buffer, network } of hostile) {
  describe(`behind a proxy that ${network}`, () => {
    test(`falls back to ${expected} and subscribes, publishes, reads presence and history`, async () => {
      const proxy = await startHttpProxy(server.port, { buffer });
      const channel = `h:basics-${expected}`;
      try {
        const storage = mapStorage();
        const h = client(proxy.url, { token: server.token(`fb-${expected}`), storage });
        const connected = next(h, 'connected', () => true, 10_000);
        h.connect();
        const ctx = await connected;
        assert.equal(ctx.transport, expected);
        assert.equal(h.transportName, expected);
        assert.equal(ctx.user, `fb-${expected}`);
        assert.equal(proxy.upgrades, 1, 'WebSocket was tried first');

        const peer = client(server.url, { token: server.token('ws-peer'), transports: ['websocket'] });
        peer.connect();
        const peerSub = peer.subscribe(channel);
        const peerGot = [];
        peerSub.on('publication', (p) => peerGot.push(p.data));
        await peerSub.ready(5000);

        const sub = h.subscribe(channel, { joinLeave: true });
        const got = [];
        sub.on('publication', (p) => got.push(p.data));
        await sub.ready(5000);
        const joined = next(sub, 'join', (j) => j.info.user === 'ws-peer2');
        const peer2 = client(server.url, { token: server.token('ws-peer2'), transports: ['websocket'] });
        peer2.connect();
        peer2.subscribe(channel);
        await joined;

        const published = await h.publish(channel, { from: expected });
        assert.equal(published.offset, 1);
        await server.api('publish', { channel, data: { from: 'api' } });
        await until(() => got.length === 2 && peerGot.length === 2, 5000, 'both publications on both sides');
        assert.deepEqual(got, [{ from: expected }, { from: 'api' }]);
        assert.deepEqual(peerGot, got);

        const presence = await h.presence(channel);
        assert.deepEqual(Object.values(presence.clients).map((c) => c.user).sort(), [`fb-${expected}`, 'ws-peer', 'ws-peer2']);
        const history = await h.history(channel, { limit: 10 });
        assert.deepEqual(history.publications.map((p) => p.data), got);
        const batch = await Promise.all([1, 2, 3].map((i) => h.publish(channel, i)));
        assert.deepEqual(batch.map((r) => r.offset), [3, 4, 5], 'publishes sent together keep their order');
        peer2.disconnect();
      } finally {
        await proxy.close();
      }
    });

    test(`recovers every publication missed during a network cut over ${expected}, and starts with it next time`, async () => {
      const proxy = await startHttpProxy(server.port, { buffer });
      const channel = `h:recover-${expected}`;
      try {
        const storage = mapStorage();
        const h = client(proxy.url, { token: server.token('cut'), storage });
        h.connect();
        const sub = h.subscribe(channel);
        const got = [];
        sub.on('publication', (p) => got.push(p));
        const subscribed = [];
        sub.on('subscribed', (c) => subscribed.push(c));
        await sub.ready(10_000);
        assert.equal(h.transportName, expected);
        const remembered = JSON.parse(storage.getItem(`herald-transport:${proxy.url}`));
        assert.equal(remembered.name, expected);
        for (let i = 1; i <= 3; i++) await server.api('publish', { channel, data: i });
        await until(() => got.length === 3, 5000, 'live publications');
        const sseStreams = proxy.count('GET /connection/sse');

        if (expected === 'longpoll') {
          // A blip: the poll in flight is lost and repeated with the same cursor, in the same session.
          const session = h.client;
          proxy.cut();
          await server.api('publish', { channel, data: 4 });
          await until(() => got.length === 4, 5000, 'the publication sent during a blip');
          assert.equal(h.client, session, 'the same session');
        }

        const before = got.length;
        proxy.refuse = true;
        proxy.cut();
        await until(() => h.state === 'connecting', 8000, 'connecting');
        for (let i = before + 1; i <= 15; i++) await server.api('publish', { channel, data: i });
        // The network comes back while the client waits for its backoff, not halfway through an
        // attempt (where the next transport would be the one that gets through).
        await until(() => h.transportName === '', 5000, 'waiting between attempts');
        proxy.refuse = false;
        await until(() => got.length === 15, 10_000, 'recovered publications');
        await server.api('publish', { channel, data: 16 });
        await until(() => got.length === 16, 5000, 'a publication after recovery');

        assert.deepEqual(got.map((p) => p.data), Array.from({ length: 16 }, (_, i) => i + 1));
        assert.deepEqual(got.map((p) => p.offset), Array.from({ length: 16 }, (_, i) => i + 1));
        assert.equal(subscribed.at(-1).wasRecovering, true);
        assert.equal(subscribed.at(-1).recovered, true);
        assert.equal(h.transportName, expected);
        assert.equal(proxy.upgrades, 1, 'the reconnect did not try WebSocket again');
        if (expected === 'longpoll') assert.equal(proxy.count('GET /connection/sse'), sseStreams, 'nor SSE');
        const still = JSON.parse(storage.getItem(`herald-transport:${proxy.url}`));
        assert.equal(still.until, remembered.until, 'a remembered transport that works again is not remembered longer');
      } finally {
        await proxy.close();
      }
    });
  });
}

describe('each fallback alone', () => {
  for (const transport of ['sse', 'longpoll']) {
    test(`a refused token over ${transport} leaves the client disconnected with the server's code, as on WebSocket`, async () => {
      const h = client(server.url, { token: 'not-a-jwt', transports: [transport] });
      const errors = [];
      h.on('error', (e) => errors.push(e));
      const down = next(h, 'disconnected', () => true, 10_000);
      h.connect();
      const ctx = await down;
      assert.equal(ctx.code, 3500);
      assert.equal(errors[0].type, 'connect');
      assert.equal(errors[0].error.code, 101, 'token is malformed');
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(h.state, 'disconnected');
    });

    test(`a message over fallback.maxRequestSize over ${transport} fails without being resent, and the client reconnects`, async () => {
      const h = client(server.url, { token: server.token('big'), transports: [transport] });
      const channel = `h:big-${transport}`;
      h.connect();
      await h.ready(5000);
      const first = h.client;
      await assert.rejects(h.publish(channel, 'x'.repeat(20_000)), (e) => e.code === HeraldError.CONNECTION_LOST);
      await until(() => h.state === 'connected' && h.client !== first, 5000, 'a new session');
      assert.equal((await h.publish(channel, 'small')).offset, 1, 'the big one was never published');
    });
  }
});

describe('remembering the transport', () => {
  test('a remembered transport is tried first until it expires, then WebSocket again', async () => {
    const storage = mapStorage();
    const key = `herald-transport:${server.url}`;
    storage.setItem(key, JSON.stringify({ name: 'longpoll', until: Date.now() + 60_000 }));
    const a = client(server.url, { token: server.token('mem'), storage });
    a.connect();
    await a.ready(5000);
    assert.equal(a.transportName, 'longpoll');
    a.disconnect();

    storage.setItem(key, JSON.stringify({ name: 'longpoll', until: Date.now() - 1 }));
    const b = client(server.url, { token: server.token('mem'), storage });
    b.connect();
    await b.ready(5000);
    assert.equal(b.transportName, 'websocket');
    assert.equal(storage.getItem(key), null, 'WebSocket works: nothing is remembered');
  });

  test('a fallback past an unreachable server is not remembered; past a refusing one it is', async () => {
    /** A transport that fails as told, or answers the connect. */
    const fake = (name, outcome) => ({
      name,
      factory: (url, handlers) => {
        queueMicrotask(() => handlers.onOpen());
        return {
          name,
          send(text) {
            const id = JSON.parse(text).id;
            queueMicrotask(() => {
              if (outcome === 'works') handlers.onMessage(JSON.stringify({ jsonrpc: '2.0', id, result: { client: 'c' } }));
              else handlers.onClose(1006, outcome, outcome === 'unreachable');
            });
            return true;
          },
          close() {},
        };
      },
    });
    const connectOnce = (chain, memory) => new Promise((resolve) => {
      const transport = fallbackTransport(chain, { timeout: 1000, clock: new FakeClock(), memory })('ws://h/x', {
        onOpen: () => transport.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'connect', params: {} })),
        onMessage: () => resolve(transport.name),
        onClose: () => resolve('closed'),
      });
    });
    const clock = new FakeClock();
    const memory = new TransportMemory('ws://h/x', 60_000, clock, mapStorage());
    assert.equal(await connectOnce([fake('websocket', 'refused'), fake('sse', 'works')], memory), 'sse');
    assert.equal(memory.recall(), 'sse', 'WebSocket failed on its own: SSE is remembered');
    assert.equal(await connectOnce([fake('websocket', 'refused'), fake('sse', 'unreachable'), fake('longpoll', 'works')], memory),
      'longpoll');
    assert.equal(memory.recall(), 'sse', 'SSE only found no server: long-poll is not remembered in its place');
    assert.equal(await connectOnce([fake('websocket', 'refused'), fake('sse', 'HTTP 403'), fake('longpoll', 'works')], memory),
      'longpoll');
    assert.equal(memory.recall(), 'longpoll');
  });

  test('the memory keeps a name for its ttl, survives in storage, and ignores storage that throws', () => {
    const clock = new FakeClock();
    const storage = mapStorage();
    const memory = new TransportMemory('ws://h/a', 1000, clock, storage);
    assert.equal(memory.recall(), undefined);
    memory.remember('sse');
    assert.equal(memory.recall(), 'sse');
    assert.equal(JSON.parse(storage.getItem('herald-transport:ws://h/a')).until, 1000);
    clock.advance(999);
    assert.equal(new TransportMemory('ws://h/a', 1000, clock, storage).recall(), 'sse');
    clock.advance(1);
    assert.equal(memory.recall(), undefined);
    assert.equal(storage.getItem('herald-transport:ws://h/a'), null);

    const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('full'); }, removeItem() { throw new Error('denied'); } };
    const fragile = new TransportMemory('ws://h/b', 1000, clock, broken);
    fragile.remember('longpoll');
    assert.equal(fragile.recall(), 'longpoll', 'kept in memory when storage refuses');
    fragile.forget();
    assert.equal(fragile.recall(), undefined);
    assert.equal(new TransportMemory('ws://h/c', 0, clock, storage).recall(), undefined);
  });

  for (const [what, transports, message] of [
    ['an unknown transport name', ['carrier-pigeon'], /unknown transport carrier-pigeon/],
    ['a runtime without any of the transports asked for', ['websocket'], /no transport can be opened here/],
  ]) {
    test(`${what} is refused with BAD_STATE and the client stays disconnected`, () => {
      const h = new Herald(server.url, { transports });
      const errors = [];
      h.on('error', (e) => errors.push(e));
      h.connect();
      assert.equal(h.state, 'disconnected');
      assert.equal(errors[0].type, 'transport');
      assert.equal(errors[0].error.code, HeraldError.BAD_STATE);
      assert.match(errors[0].error.message, message);
    });
  }
});
