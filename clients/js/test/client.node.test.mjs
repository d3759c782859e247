// The SDK against a real Herald server over real sockets (Node, with the ws package).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Herald, HeraldError, webSocketTransport } from '../dist/herald.js';
import { next, startHerald, until } from './harness.mjs';
import { startProxy } from './tcp-proxy.mjs';

let server;
const clients = [];

before(async () => {
  server = await startHerald({ client: { pingInterval: '2s', pongTimeout: '1s', recoveryMaxPublicationLimit: 20 } });
});
after(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});

/** A WebSocket transport that records every frame the client sends, parsed. */
function recordingTransport(sent) {
  const open = webSocketTransport(WebSocket);
  return (url, handlers) => {
    const t = open(url, handlers);
    return { name: t.name, close: (c, r) => t.close(c, r), send: (text) => (sent.push(JSON.parse(text)), t.send(text)) };
  };
}

function client(url, options = {}) {
  const h = new Herald(url, { websocket: WebSocket, minReconnectDelay: 50, maxReconnectDelay: 200, ...options });
  clients.push(h);
  return h;
}

describe('connect, subscribe, publish', () => {
  test('connects with a token, subscribes before connect, receives its own and API publications', async () => {
    const h = client(server.url, { token: server.token('alice') });
    const states = [];
    h.on('connecting', () => states.push('connecting'));
    const connected = next(h, 'connected');
    const sub = h.subscribe('h:basic');
    const got = [];
    sub.on('publication', (p) => got.push(p));
    h.connect();
    const ctx = await connected;
    assert.equal(ctx.user, 'alice');
    assert.equal(h.state, 'connected');
    assert.deepEqual(states, ['connecting']);
    await sub.ready(5000);
    assert.equal(sub.state, 'subscribed');

    const r = await h.publish('h:basic', { text: 'hi' });
    assert.equal(r.offset, 1);
    assert.equal(typeof r.epoch, 'string');
    await server.api('publish', { channel: 'h:basic', data: { text: 'from api' } });
    await until(() => got.length === 2, 5000, 'two publications');
    assert.deepEqual(got.map((p) => p.data.text), ['hi', 'from api']);
    assert.deepEqual(got.map((p) => p.offset), [1, 2]);
    assert.equal(got[0].info.user, 'alice');
    assert.deepEqual(sub.streamPosition, { offset: 2, epoch: r.epoch });
  });

  test('history, presence and presenceStats', async () => {
    const a = client(server.url, { token: server.token('ann') });
    const b = client(server.url, { token: server.token('bob') });
    a.connect();
    b.connect();
    const subA = a.subscribe('h:room', { joinLeave: true });
    await subA.ready(5000);
    const joined = next(subA, 'join');
    b.subscribe('h:room');
    assert.equal((await joined).info.user, 'bob');
    for (let i = 1; i <= 3; i++) await b.publish('h:room', { i });
    const hist = await a.history('h:room', { limit: 2 });
    assert.deepEqual(hist.publications.map((p) => p.data.i), [1, 2]);
    assert.equal(hist.offset, 3);
    const since = await a.history('h:room', { since: { offset: 1, epoch: hist.epoch } });
    assert.deepEqual(since.publications.map((p) => p.data.i), [2, 3]);
    const presence = await a.presence('h:room');
    assert.deepEqual(Object.values(presence.clients).map((c) => c.user).sort(), ['ann', 'bob']);
    assert.deepEqual(await a.presenceStats('h:room'), { numClients: 2, numUsers: 2 });
    const left = next(subA, 'leave');
    b.disconnect();
    assert.equal((await left).info.user, 'bob');
  });

  for (const when of ['inside connect', 'after connecting']) {
  test(`a refused subscribe ends the subscription with the server error (${when})`, async () => {
    const h = client(server.url, { token: server.token('carl') });
    h.connect();
    if (when === 'after connecting') await h.ready();
    const sub = h.subscribe('nope:x');
    const ended = next(sub, 'unsubscribed');
    const err = next(sub, 'error');
    assert.equal((await ended).code, 102);
    assert.ok((await err).error instanceof HeraldError);
    assert.equal(h.getSubscription('nope:x'), undefined);
  });
  }

  test('calls while disconnected are refused with DISCONNECTED; subscribing twice is BAD_STATE', async () => {
    const h = client(server.url);
    await assert.rejects(h.history('h:x'), (e) => e.code === HeraldError.DISCONNECTED);
    h.subscribe('h:twice');
    assert.throws(() => h.subscribe('h:twice'), (e) => e.code === HeraldError.BAD_STATE);
  });
});

describe('reconnect and recovery', () => {
  test('reconnects and resubscribes after the server drops the connection', async () => {
    const h = client(server.url, { token: server.token('dora') });
    h.connect();
    const sub = h.subscribe('plain:news');
    await sub.ready(5000);
    const firstClient = h.client;
    const reconnecting = next(h, 'connecting');
    const resubscribed = next(sub, 'subscribed');
    await server.api('disconnect', { user: 'dora', code: 3011, reason: 'go away and come back' });
    const why = await reconnecting;
    assert.equal(why.code, 3011);
    assert.equal(why.reason, 'go away and come back');
    const ctx = await resubscribed;
    assert.equal(ctx.recoverable, false);
    assert.notEqual(h.client, firstClient);
    const got = next(sub, 'publication');
    await server.api('publish', { channel: 'plain:news', data: 'after' });
    assert.equal((await got).data, 'after');
  });

  for (const code of [3501, 4501]) {
  test(`a do-not-reconnect code (${code}) leaves the client disconnected with the reason`, async () => {
    const user = `eve-${code}`;
    const h = client(server.url, { token: server.token(user) });
    let connects = 0;
    h.on('connected', () => connects++);
    h.connect();
    await h.ready();
    const down = next(h, 'disconnected');
    await server.api('disconnect', { user, code, reason: 'banned' });
    assert.deepEqual(await down, { code, reason: 'banned' });
    await new Promise((r) => setTimeout(r, 500)); // over twice the 200 ms backoff ceiling
    assert.equal(h.state, 'disconnected');
    assert.equal(connects, 1);
  });
  }

  for (const subscribeOnConnect of [true, false]) {
  test(`recovers every publication missed during a network cut, in order, once each (subscribeOnConnect: ${subscribeOnConnect})`, async () => {
    const channel = `h:recover-${subscribeOnConnect}`;
    const proxy = await startProxy(server.port);
    const sent = [];
    try {
      const h = client(`ws://127.0.0.1:${proxy.port}/connection/websocket`,
        { token: server.token('finn'), subscribeOnConnect, transport: recordingTransport(sent) });
      h.connect();
      const sub = h.subscribe(channel);
      const got = [];
      sub.on('publication', (p) => got.push(p));
      const subscribedEvents = [];
      sub.on('subscribed', (ctx) => subscribedEvents.push(ctx));
      await sub.ready(5000);
      for (let i = 1; i <= 3; i++) await server.api('publish', { channel, data: i });
      await until(() => got.length === 3, 5000, 'live publications');

      proxy.refuse = true;
      proxy.cut();
      await until(() => h.state === 'connecting', 5000, 'connecting');
      for (let i = 4; i <= 15; i++) await server.api('publish', { channel, data: i });
      proxy.refuse = false;
      await until(() => got.length === 15, 10_000, 'recovered publications');
      await server.api('publish', { channel, data: 16 });
      await until(() => got.length === 16, 5000, 'publication after recovery');

      assert.deepEqual(got.map((p) => p.data), Array.from({ length: 16 }, (_, i) => i + 1));
      assert.deepEqual(got.map((p) => p.offset), Array.from({ length: 16 }, (_, i) => i + 1));
      const last = subscribedEvents.at(-1);
      assert.equal(last.wasRecovering, true);
      assert.equal(last.recovered, true);
      const connects = sent.filter((m) => m.method === 'connect');
      const resubscribes = sent.filter((m) => m.method === 'subscribe');
      const epoch = last.streamPosition.epoch;
      if (subscribeOnConnect) {
        assert.deepEqual(connects.at(-1).params.subs, { [channel]: { recover: true, offset: 3, epoch } });
        assert.equal(resubscribes.length, 0, 'no subscribe beside the connect');
      } else {
        assert.equal(connects.at(-1).params.subs, undefined);
        assert.deepEqual(resubscribes.at(-1).params, { channel, recover: true, offset: 3, epoch });
      }
    } finally {
      await proxy.close();
    }
  });
  }

  test('says recovered: false when the channel\'s epoch changed (the server lost its history)', async () => {
    const first = await startHerald();
    let second;
    const proxy = await startProxy(first.port);
    try {
      const h = client(`ws://127.0.0.1:${proxy.port}/connection/websocket`, { token: first.token('ivy') });
      h.connect();
      const sub = h.subscribe('h:epoch');
      await sub.ready(5000);
      await first.api('publish', { channel: 'h:epoch', data: 'before' });
      await until(() => sub.streamPosition?.offset === 1, 5000, 'first publication');
      const oldEpoch = sub.streamPosition.epoch;
      proxy.refuse = true;
      proxy.cut();
      await first.stop();
      second = await startHerald({ secret: first.secret });
      await second.api('publish', { channel: 'h:epoch', data: 'on the new server' });
      proxy.targetPort = second.port;
      const resubscribed = next(sub, 'subscribed', () => true, 10_000);
      proxy.refuse = false;
      const ctx = await resubscribed;
      assert.equal(ctx.wasRecovering, true);
      assert.equal(ctx.recovered, false);
      assert.notEqual(ctx.streamPosition.epoch, oldEpoch);
      assert.deepEqual(sub.streamPosition, ctx.streamPosition);
    } finally {
      await proxy.close();
      await first.stop();
      await second?.stop();
    }
  });

  test('says recovered: false when too much was missed, so the app reloads', async () => {
    const proxy = await startProxy(server.port);
    try {
      const h = client(`ws://127.0.0.1:${proxy.port}/connection/websocket`, { token: server.token('gus') });
      h.connect();
      const sub = h.subscribe('h:toomuch');
      await sub.ready(5000);
      await server.api('publish', { channel: 'h:toomuch', data: 0 });
      await until(() => sub.streamPosition?.offset === 1, 5000, 'first publication');
      const got = [];
      sub.on('publication', (p) => got.push(p));
      proxy.refuse = true;
      proxy.cut();
      for (let i = 1; i <= 25; i++) await server.api('publish', { channel: 'h:toomuch', data: i });
      const resubscribed = next(sub, 'subscribed', () => true, 10_000);
      proxy.refuse = false;
      const ctx = await resubscribed;
      assert.equal(ctx.wasRecovering, true);
      assert.equal(ctx.recovered, false);
      assert.equal(ctx.streamPosition.offset, 26);
      assert.deepEqual(got, []);
    } finally {
      await proxy.close();
    }
  });

  test('a connection that stops hearing pings counts as dead and is replaced', async () => {
    const proxy = await startProxy(server.port);
    try {
      const h = client(`ws://127.0.0.1:${proxy.port}/connection/websocket`, { token: server.token('hana'), maxPingDelay: 300 });
      h.connect();
      const sub = h.subscribe('h:heartbeat');
      await sub.ready(5000);
      const started = Date.now();
      proxy.freeze = true;
      const lost = next(h, 'connecting', () => true, 10_000);
      const why = await lost;
      const elapsed = Date.now() - started;
      assert.equal(why.reason, 'no ping from the server');
      assert.ok(elapsed < 2000 + 300 + 1000, `dead connection noticed after ${elapsed} ms`);
      proxy.freeze = false;
      await next(h, 'connected', () => true, 5000);
      await sub.ready(5000);
    } finally {
      await proxy.close();
    }
  });
});

describe('offline publishes', () => {
  test('are queued while offline, sent after reconnect, and a full queue rejects', async () => {
    const proxy = await startProxy(server.port);
    try {
      const h = client(`ws://127.0.0.1:${proxy.port}/connection/websocket`, { token: server.token('ivy'), maxQueuedPublishes: 2 });
      const reader = client(server.url, { token: server.token('reader') });
      reader.connect();
      const rsub = reader.subscribe('h:queue');
      const got = [];
      rsub.on('publication', (p) => got.push(p.data));
      await rsub.ready(5000);
      h.connect();
      await h.ready();
      proxy.refuse = true;
      proxy.cut();
      await until(() => h.state === 'connecting', 5000, 'connecting');
      const p1 = h.publish('h:queue', 'one');
      const p2 = h.publish('h:queue', 'two');
      await assert.rejects(h.publish('h:queue', 'three'), (e) => e.code === HeraldError.QUEUE_FULL);
      proxy.refuse = false;
      await Promise.all([p1, p2]);
      await until(() => got.length === 2, 5000, 'queued publications');
      assert.deepEqual(got, ['one', 'two']);
    } finally {
      await proxy.close();
    }
  });

  test('a publish whose answer was lost is retried without a duplicate (idempotency key)', async () => {
    const proxy = await startProxy(server.port);
    try {
      const h = client(`ws://127.0.0.1:${proxy.port}/connection/websocket`, { token: server.token('jay') });
      const reader = client(server.url, { token: server.token('reader2') });
      reader.connect();
      const rsub = reader.subscribe('h:idem');
      const got = [];
      rsub.on('publication', (p) => got.push(p.data));
      await rsub.ready(5000);
      h.connect();
      await h.ready();
      proxy.dropDownstream = true; // the server gets the publish; its answer never arrives
      const published = h.publish('h:idem', 'once');
      await until(() => got.length === 1, 5000, 'the publication');
      proxy.dropDownstream = false;
      proxy.cut(); // the client resends after reconnecting, with the same key
      const r = await published;
      assert.equal(r.offset, 1);
      await new Promise((res) => setTimeout(res, 300));
      assert.deepEqual(got, ['once']);
    } finally {
      await proxy.close();
    }
  });
});

describe('tokens', () => {
  test('a private channel is subscribed with the token getToken(channel) gives', async () => {
    const asked = [];
    const h = client(server.url, { token: server.token('lia') });
    h.connect();
    const sub = h.subscribe('$h:secret', {
      getToken: async (channel) => {
        asked.push(channel);
        return server.token('lia', { channel });
      },
    });
    await sub.ready(5000);
    assert.deepEqual(asked, ['$h:secret']);
    const refused = h.subscribe('$h:other', { getToken: async () => server.token('lia', { channel: '$h:secret' }) });
    assert.equal((await next(refused, 'unsubscribed')).code, 103);
  });

  test('getToken is asked on connect, again after the token expired, and before expiry', async () => {
    let calls = 0;
    const now = () => Math.floor(Date.now() / 1000);
    const h = client(server.url, {
      refreshAt: 0.3,
      getToken: async () => {
        calls++;
        // The first token has already expired: the server answers 109 and closes with 3005.
        return server.token('kim', { exp: calls === 1 ? now() - 10 : now() + 3 });
      },
    });
    const errors = [];
    h.on('error', (e) => errors.push(e.error.code));
    h.connect();
    await next(h, 'connected', () => true, 5000);
    assert.equal(calls, 2);
    assert.deepEqual(errors, [HeraldError.TOKEN_EXPIRED]);
    await until(() => calls === 3, 5000, 'a refresh before expiry');
    assert.equal(h.state, 'connected');
  });
});
