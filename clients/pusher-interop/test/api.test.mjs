// The `pusher` server SDK (npm) against Herald's Pusher HTTP API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { app, startPusherHerald } from './harness.mjs';

const a = app('1001');
const disabled = app('1002', { enabled: false });
let herald;
let pusher;

before(async () => {
  herald = await startPusherHerald([a, disabled]);
  pusher = herald.sdk(a);
});
after(() => herald?.stop());

async function history(channel) {
  return (await herald.api('history', { channel, limit: 10 })).publications;
}

test('trigger publishes on every channel with the event name; Herald sees the same data', async () => {
  const res = await pusher.trigger(['cache-news', 'cache-sport'], 'headline', { title: 'Hi' });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {});
  const [p] = await history('pusher.1001.cache:cache-news');
  assert.equal(p.event, 'headline');
  assert.deepEqual(p.data, { title: 'Hi' });
  assert.equal((await history('pusher.1001.cache:cache-sport'))[0].event, 'headline');
});

test('triggerBatch publishes each event; a string stays a string', async () => {
  const res = await pusher.triggerBatch([
    { channel: 'cache-a', name: 'e1', data: 'plain text' },
    { channel: 'cache-b', name: 'e2', data: { n: 2 } },
  ]);
  assert.equal(res.status, 200);
  assert.equal((await history('pusher.1001.cache:cache-a'))[0].data, 'plain text');
  assert.deepEqual((await history('pusher.1001.cache:cache-b'))[0].data, { n: 2 });
});

test('trigger with info answers counts; channel queries answer as Pusher does', async () => {
  const res = await pusher.trigger('presence-room', 'e', {}, { info: 'user_count,subscription_count' });
  assert.deepEqual(await res.json(),
    { channels: { 'presence-room': { user_count: 0, subscription_count: 0 } } });
  const info = await pusher.get({ path: '/channels/presence-room', params: { info: 'user_count' } });
  assert.deepEqual(await info.json(), { occupied: false, user_count: 0 });
  const users = await pusher.get({ path: '/channels/presence-room/users' });
  assert.deepEqual(await users.json(), { users: [] });
  const list = await pusher.get({ path: '/channels', params: { filter_by_prefix: 'presence-' } });
  assert.deepEqual(await list.json(), { channels: {} });
});

test('terminateUserConnections is accepted', async () => {
  const res = await pusher.terminateUserConnections('42');
  assert.equal(res.status, 200);
});

test('a wrong secret, a stale timestamp, another app\'s key: 401 and nothing published', async () => {
  const forged = herald.sdk({ ...a, secret: 'f'.repeat(32) });
  await assert.rejects(forged.trigger('cache-forged', 'e', {}), (e) => e.status === 401);
  const stale = await herald.raw(a, 'POST', '/apps/1001/events',
    { name: 'e', data: '{}', channels: ['cache-forged'] },
    { timestamp: Math.floor(Date.now() / 1000) - 601 });
  assert.equal(stale.status, 401);
  assert.match(stale.text, /Timestamp expired/);
  const otherKey = await herald.raw(a, 'POST', '/apps/1001/events',
    { name: 'e', data: '{}', channels: ['cache-forged'] }, { key: disabled.key, secret: disabled.secret });
  assert.equal(otherKey.status, 401);
  assert.deepEqual(await history('pusher.1001.cache:cache-forged'), []);
});

test('an unknown app is 404, a disabled one 403', async () => {
  const unknown = herald.sdk({ ...a, id: '9999' });
  await assert.rejects(unknown.trigger('c', 'e', {}), (e) => e.status === 404);
  await assert.rejects(herald.sdk(disabled).trigger('c', 'e', {}), (e) => e.status === 403);
});

test('data over 10 KB is 413, more than 100 channels 400, bad names 400: nothing published', async () => {
  await assert.rejects(pusher.trigger('cache-big', 'e', 'x'.repeat(10 * 1024 + 1)),
    (e) => e.status === 413 && /Too Large/.test(e.body));
  const channels = Array.from({ length: 101 }, (_, i) => `cache-c${i}`);
  const many = await herald.raw(a, 'POST', '/apps/1001/events',
    { name: 'e', data: '{}', channels });
  assert.equal(many.status, 400);
  assert.match(many.text, /Too many channels/);
  const bad = await herald.raw(a, 'POST', '/apps/1001/events',
    { name: 'e', data: '{}', channels: ['cache-ok', 'not ok'] });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Invalid channel name/);
  assert.deepEqual(await history('pusher.1001.cache:cache-big'), []);
  assert.deepEqual(await history('pusher.1001.cache:cache-c0'), []);
  assert.deepEqual(await history('pusher.1001.cache:cache-ok'), []);
});
