// Pusher's webhooks from Herald, verified with the `pusher` server SDK's webhook().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { app, startPusherHerald, pusherClient, connected, waitFor, until } from './harness.mjs';
import { startBackend } from './backend.mjs';

const received = [];
let receiver;
let herald;
let backend;
let a;

before(async () => {
  receiver = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, rawBody: body });
    res.writeHead(200);
    res.end();
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  a = app('1001', { clientEvents: true,
    webhookUrl: `http://127.0.0.1:${receiver.address().port}/pusher/webhooks` });
  herald = await startPusherHerald([a]);
  backend = await startBackend(herald.sdk(a));
});
after(async () => {
  await backend?.close();
  await herald?.stop();
  await new Promise((r) => receiver.close(r));
});

/** Every valid webhook event so far, in order; fails on any request the SDK does not accept. */
function events() {
  const sdk = herald.sdk(a);
  return received.flatMap((r) => {
    const hook = sdk.webhook(r);
    assert.ok(hook.isValid(), 'X-Pusher-Signature verifies with the app secret');
    assert.equal(typeof hook.getTime().getTime(), 'number');
    return hook.getEvents();
  });
}

test('occupied, member_added, client_event, cache_miss, member_removed, vacated', async () => {
  const ann = await pusherClient(a, herald.port, backend, 'ann');
  const bob = await pusherClient(a, herald.port, backend, 'bob');
  await connected(ann);
  await connected(bob);
  const annRoom = ann.subscribe('presence-hooks');
  await waitFor(annRoom, 'pusher:subscription_succeeded');
  const bobRoom = bob.subscribe('presence-hooks');
  await waitFor(bobRoom, 'pusher:subscription_succeeded');
  bobRoom.trigger('client-hello', { hi: true });
  const cache = ann.subscribe('cache-empty');
  await waitFor(cache, 'pusher:cache_miss');
  bob.disconnect();
  await until(() => events().some((e) => e.name === 'member_removed' && e.user_id === 'bob'), 15_000);
  ann.disconnect();
  await until(() => events().some((e) => e.name === 'channel_vacated' && e.channel === 'presence-hooks'), 15_000);
  const all = events();
  const names = all.filter((e) => e.channel === 'presence-hooks').map((e) => e.name);
  assert.equal(names[0], 'channel_occupied');
  assert.ok(all.some((e) => e.name === 'member_added' && e.user_id === 'ann'));
  assert.ok(all.some((e) => e.name === 'member_added' && e.user_id === 'bob'));
  const client = all.find((e) => e.name === 'client_event');
  assert.deepEqual({ ...client, data: JSON.parse(client.data) }, { name: 'client_event',
    channel: 'presence-hooks', event: 'client-hello', data: { hi: true },
    socket_id: client.socket_id, user_id: 'bob' });
  assert.ok(all.some((e) => e.name === 'cache_miss' && e.channel === 'cache-empty'));
  assert.equal(received[0].headers['x-pusher-key'], a.key);
});
