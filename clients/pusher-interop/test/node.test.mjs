// pusher-js (its Node build, from npm) against Herald's Pusher endpoint /app/{key}.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { app, startPusherHerald, pusherClient, connected, waitFor, collect, until } from './harness.mjs';
import { startBackend } from './backend.mjs';
import { startProxy } from '../../js/test/tcp-proxy.mjs';

const a = app('1001', { clientEvents: true });
const quiet = app('1003', { activityTimeout: '2s' });
const noClientEvents = app('1004');
const single = app('1005', { maxConnections: 1 });
const off = app('1006', { enabled: false });
let herald;
let sdk;
let backend;
const clients = [];

before(async () => {
  herald = await startPusherHerald([a, quiet, noClientEvents, single, off]);
  sdk = herald.sdk(a);
  backend = await startBackend(sdk);
});
after(async () => {
  clients.forEach((c) => c.disconnect());
  await backend?.close();
  await herald?.stop();
});

async function client(user, options = {}, which = a, port = herald.port, via = backend) {
  const c = await pusherClient(which, port, via, user, options);
  clients.push(c);
  await connected(c);
  return c;
}

/** A raw WebSocket to /app/{key}: resolves with { ws, messages, closed } once open. */
async function raw(path) {
  const ws = new WebSocket(`ws://127.0.0.1:${herald.port}${path}`);
  const messages = [];
  const closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  ws.on('message', (m) => messages.push(JSON.parse(String(m))));
  await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
  return { ws, messages, closed };
}

test('connects: connection_established carries a socket id and the activity timeout', async () => {
  const { ws, messages } = await raw('/app/key-1001?protocol=7&client=js&version=8.6.0');
  await until(() => messages.length > 0);
  assert.equal(messages[0].event, 'pusher:connection_established');
  assert.equal(typeof messages[0].data, 'string');
  const data = JSON.parse(messages[0].data);
  assert.match(data.socket_id, /^\d+\.\d+$/);
  assert.equal(data.activity_timeout, 120);
  ws.send(JSON.stringify({ event: 'pusher:ping', data: {} }));
  await until(() => messages.some((m) => m.event === 'pusher:pong'));
  ws.close();
  const c = await client('u1');
  assert.match(c.connection.socket_id, /^\d+\.\d+$/);
});

test('an unknown key is 4001, a missing protocol 4008, an unsupported one 4007', async () => {
  for (const [path, code] of [['/app/nope?protocol=7', 4001], ['/app/key-1001', 4008],
    ['/app/key-1001?protocol=3', 4007]]) {
    const { messages, closed } = await raw(path);
    const { code: closeCode } = await closed;
    assert.equal(closeCode, code, path);
    assert.equal(messages[0].event, 'pusher:error');
    assert.equal(messages[0].data.code, code);
  }
});

test('a disabled app is 4003; past maxConnections is 4004', async () => {
  const disabled = await raw('/app/key-1006?protocol=7');
  assert.equal((await disabled.closed).code, 4003);
  assert.equal(disabled.messages[0].data.code, 4003);
  const first = await raw('/app/key-1005?protocol=7');
  await until(() => first.messages.length > 0);
  assert.equal(first.messages[0].event, 'pusher:connection_established');
  const second = await raw('/app/key-1005?protocol=7');
  assert.equal((await second.closed).code, 4004);
  first.ws.close();
  await first.closed;
  const third = await raw('/app/key-1005?protocol=7');
  await until(() => third.messages.length > 0);
  assert.equal(third.messages[0].event, 'pusher:connection_established');
  third.ws.close();
});

test('public channel: an API trigger reaches subscribers with its name and data', async () => {
  const c = await client('u1');
  const ch = c.subscribe('news');
  await waitFor(ch, 'pusher:subscription_succeeded');
  const got = waitFor(ch, 'headline');
  await sdk.trigger('news', 'headline', { title: 'Hello' });
  assert.deepEqual(await got, { title: 'Hello' });
  c.unsubscribe('news');
});

test('private channel: authorized through the auth endpoint; a refused one gets subscription_error', async () => {
  const c = await client('u1');
  const ch = c.subscribe('private-orders');
  await waitFor(ch, 'pusher:subscription_succeeded');
  const got = waitFor(ch, 'created');
  await sdk.trigger('private-orders', 'created', { id: 7 });
  assert.deepEqual(await got, { id: 7 });
  const forged = await raw('/app/key-1001?protocol=7');
  await until(() => forged.messages.length > 0);
  forged.ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'private-orders', auth: 'key-1001:00ff' } }));
  await until(() => forged.messages.some((m) => m.event === 'pusher:subscription_error'));
  forged.ws.close();
});

test('presence: members, member_added and member_removed once per user', async () => {
  const ann = await client('ann');
  const annRoom = ann.subscribe('presence-room');
  const members = await waitFor(annRoom, 'pusher:subscription_succeeded');
  assert.equal(members.count, 1);
  assert.deepEqual(members.me, { id: 'ann', info: { name: 'User ann' } });
  const added = collect(annRoom, 'pusher:member_added');
  const removed = collect(annRoom, 'pusher:member_removed');
  const bob1 = await client('bob');
  const bobRoom = bob1.subscribe('presence-room');
  const seen = await waitFor(bobRoom, 'pusher:subscription_succeeded');
  assert.equal(seen.count, 2);
  await until(() => added.length === 1);
  assert.deepEqual(added[0], { id: 'bob', info: { name: 'User bob' } });
  const bob2 = await client('bob');
  await waitFor(bob2.subscribe('presence-room'), 'pusher:subscription_succeeded');
  bob1.disconnect();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(added.length, 1, 'a second connection of bob is not a new member');
  assert.equal(removed.length, 0, 'bob is still there on his second connection');
  bob2.disconnect();
  await until(() => removed.length === 1);
  assert.equal(removed[0].id, 'bob');
  const users = await (await sdk.get({ path: '/channels/presence-room/users' })).json();
  assert.deepEqual(users, { users: [{ id: 'ann' }] });
  ann.disconnect();
});

test('client events reach the others, never the sender, with user_id on presence', async () => {
  const ann = await client('ann');
  const bob = await client('bob');
  const annCh = ann.subscribe('presence-chat');
  const bobCh = bob.subscribe('presence-chat');
  await waitFor(annCh, 'pusher:subscription_succeeded', 10_000, () => annCh.subscribed);
  await waitFor(bobCh, 'pusher:subscription_succeeded', 10_000, () => bobCh.subscribed);
  const annGot = collect(annCh, 'client-typing');
  const bobGot = collect(bobCh, 'client-typing');
  annCh.trigger('client-typing', { typing: true });
  await until(() => bobGot.length === 1);
  assert.deepEqual(bobGot[0], { data: { typing: true }, user_id: 'ann' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(annGot.length, 0);
  ann.disconnect();
  bob.disconnect();
});

test('client events past 10 per second, or where not allowed, get error 4301', async () => {
  const c = await client('u1');
  const ch = c.subscribe('private-fast');
  await waitFor(ch, 'pusher:subscription_succeeded');
  const errors = collect(c.connection, 'error');
  for (let i = 0; i < 15; i++) ch.trigger('client-x', { i });
  await until(() => errors.some((e) => e.data?.code === 4301));
  const otherBackend = await startBackend(herald.sdk(noClientEvents));
  const off = await client('u1', {}, noClientEvents, herald.port, otherBackend);
  const offCh = off.subscribe('private-x');
  await waitFor(offCh, 'pusher:subscription_succeeded');
  const offErrors = collect(off.connection, 'error');
  offCh.trigger('client-x', {});
  await until(() => offErrors.some((e) => e.data?.code === 4301));
  c.disconnect();
  off.disconnect();
  await otherBackend.close();
});

test('sign-in, an event to one user, and terminating that user\'s connections', async () => {
  const c = await client('carol');
  c.signin();
  await until(() => c.user.user_data?.id === 'carol');
  await until(() => c.user.serverToUserChannel?.subscribed);
  const got = waitFor(c.user, 'note');
  await sdk.sendToUser('carol', 'note', { text: 'just you' });
  assert.deepEqual(await got, { text: 'just you' });
  const states = [];
  c.connection.bind('state_change', (s) => states.push(s.current));
  await sdk.terminateUserConnections('carol');
  await until(() => states.length > 0);
  c.disconnect();
});

test('reconnects after the network is cut and is subscribed again', async () => {
  const proxy = await startProxy(herald.port);
  const c = await client('u1', {}, a, proxy.port);
  const ch = c.subscribe('news-again');
  await waitFor(ch, 'pusher:subscription_succeeded');
  const firstSocket = c.connection.socket_id;
  proxy.cut();
  await until(() => c.connection.state === 'connected' && c.connection.socket_id !== firstSocket, 20_000);
  await until(() => ch.subscribed, 10_000);
  const got = waitFor(ch, 'after');
  await sdk.trigger('news-again', 'after', { ok: true });
  assert.deepEqual(await got, { ok: true });
  c.disconnect();
  await proxy.close();
});

test('a silent connection is pinged, then closed with 4201', async () => {
  const { ws, messages, closed } = await raw('/app/key-1003?protocol=7');
  ws.on('ping', () => {});
  await until(() => messages.some((m) => m.event === 'pusher:ping'), 10_000);
  const { code } = await Promise.race([closed, new Promise((r) => setTimeout(() => r({ code: 'none' }), 45_000))]);
  assert.equal(code, 4201);
});

test('malformed frames get pusher:error; the connection and others carry on', async () => {
  const c = await client('u1');
  const ch = c.subscribe('steady');
  await waitFor(ch, 'pusher:subscription_succeeded');
  const { ws, messages } = await raw('/app/key-1001?protocol=7');
  ws.send('not json');
  ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'bad name!' } }));
  await until(() => messages.filter((m) => m.event === 'pusher:error').length === 2);
  const got = waitFor(ch, 'still');
  await sdk.trigger('steady', 'still', 1);
  assert.equal(await got, 1);
  ws.close();
  c.disconnect();
});
