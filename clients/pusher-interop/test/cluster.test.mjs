// Two Herald nodes on Redis: a Pusher client on each; events, presence and user termination
// cross nodes. Also Herald's own JSON-RPC clients and /api/publish beside Pusher clients.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { app, startPusherHerald, pusherClient, connected, waitFor, collect, until } from './harness.mjs';
import { startBackend } from './backend.mjs';

const a = app('1001', { clientEvents: true });
const engine = { engine: { type: 'redis', redis: { address: 'redis://127.0.0.1:6379',
  prefix: `pusher-interop-${randomBytes(4).toString('hex')}` } } };
let one;
let two;
let backend;
const clients = [];

before(async () => {
  one = await startPusherHerald([a], { extra: engine });
  two = await startPusherHerald([a], { extra: engine });
  backend = await startBackend(one.sdk(a));
});
after(async () => {
  clients.forEach((c) => c.disconnect());
  await backend?.close();
  await one?.stop();
  await two?.stop();
});

async function client(node, user) {
  const c = await pusherClient(a, node.port, backend, user);
  clients.push(c);
  await connected(c);
  return c;
}

test('events, presence and client events cross nodes', async () => {
  const ann = await client(one, 'ann');
  const bob = await client(two, 'bob');
  const annRoom = ann.subscribe('presence-lobby');
  await waitFor(annRoom, 'pusher:subscription_succeeded');
  const added = collect(annRoom, 'pusher:member_added');
  const removed = collect(annRoom, 'pusher:member_removed');
  const bobRoom = bob.subscribe('presence-lobby');
  const members = await waitFor(bobRoom, 'pusher:subscription_succeeded');
  assert.equal(members.count, 2);
  await until(() => added.length === 1, 10_000);
  assert.equal(added[0].id, 'bob');
  const got = waitFor(annRoom, 'news');
  await two.sdk(a).trigger('presence-lobby', 'news', { from: 'node two' });
  assert.deepEqual(await got, { from: 'node two' });
  const whisper = waitFor(annRoom, 'client-wave');
  bobRoom.trigger('client-wave', { hi: 1 });
  assert.deepEqual(await whisper, { hi: 1 });
  const info = await (await one.sdk(a).get({ path: '/channels/presence-lobby',
    params: { info: 'user_count,subscription_count' } })).json();
  assert.deepEqual(info, { occupied: true, user_count: 2, subscription_count: 2 });
  bob.disconnect();
  await until(() => removed.length === 1, 10_000);
  ann.disconnect();
});

test('terminate_connections on one node closes the user\'s connection on the other', async () => {
  const carol = await client(two, 'carol');
  carol.signin();
  await until(() => carol.user.user_data?.id === 'carol', 10_000);
  await until(() => carol.user.serverToUserChannel?.subscribed, 10_000);
  const note = waitFor(carol.user, 'note');
  await one.sdk(a).sendToUser('carol', 'note', { n: 1 });
  assert.deepEqual(await note, { n: 1 });
  const errors = collect(carol.connection, 'error');
  await one.sdk(a).terminateUserConnections('carol');
  await until(() => errors.some((e) => e.data?.code === 4009), 10_000);
  carol.disconnect();
});

test('Herald JSON-RPC clients and /api/publish share the app\'s channels with Pusher clients', async () => {
  const p = await client(one, 'dave');
  const ch = p.subscribe('mixed');
  await waitFor(ch, 'pusher:subscription_succeeded');
  const ws = new WebSocket(`ws://127.0.0.1:${two.port}/connection/websocket`);
  const seen = [];
  ws.on('message', (m) => seen.push(JSON.parse(String(m))));
  await new Promise((r) => ws.on('open', r));
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'connect', params: { token: two.token('herald-user') } }));
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'subscribe', params: { channel: 'pusher.1001:mixed' } }));
  await until(() => seen.some((m) => m.id === 2), 10_000);
  assert.equal(seen.find((m) => m.id === 2).error, undefined);
  await one.sdk(a).trigger('mixed', 'from-pusher', { x: 1 });
  await until(() => seen.some((m) => m.method === 'publication'), 10_000);
  const pub = seen.find((m) => m.method === 'publication').params;
  assert.equal(pub.channel, 'pusher.1001:mixed');
  assert.equal(pub.event, 'from-pusher');
  assert.deepEqual(pub.data, { x: 1 });
  const got = waitFor(ch, 'from-herald');
  await two.api('publish', { channel: 'pusher.1001:mixed', event: 'from-herald', data: { y: 2 } });
  assert.deepEqual(await got, { y: 2 });
  const plain = waitFor(ch, 'herald:publication');
  await two.api('publish', { channel: 'pusher.1001:mixed', data: 'just text' });
  assert.equal(await plain, 'just text');
  ws.close();
  p.disconnect();
});
