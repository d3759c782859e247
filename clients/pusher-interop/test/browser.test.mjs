// pusher-js and Laravel Echo (from npm) in Debian's Chromium against Herald's Pusher endpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { app, startPusherHerald, until, launchChromium } from './harness.mjs';
import { startBackend } from './backend.mjs';

const a = app('1001', { clientEvents: true });
let herald;
let sdk;
let backend;
let browser;

before(async () => {
  herald = await startPusherHerald([a]);
  sdk = herald.sdk(a);
  backend = await startBackend(sdk);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await backend?.close();
  await herald?.stop();
});

/** A page of `user` with an Echo on Herald as `window.echo`, events recorded in `window.got`. */
async function page(user) {
  const p = await browser.newPage();
  await p.goto(`${backend.url}/?user=${user}`);
  await p.evaluate(({ key, port, user }) => {
    window.got = [];
    const EchoClass = Echo.default ?? Echo;
    window.echo = new EchoClass({
      broadcaster: 'pusher', key, cluster: 'herald', wsHost: '127.0.0.1', wsPort: port,
      forceTLS: false, enabledTransports: ['ws'], disableStats: true,
      authEndpoint: `/pusher/auth?user=${user}`,
    });
  }, { key: a.key, port: herald.port, user });
  return p;
}

const got = (p) => p.evaluate(() => window.got);

test('pusher-js in Chromium: public and private events', async () => {
  const p = await browser.newPage();
  await p.goto(backend.url);
  await p.evaluate(({ key, port }) => {
    window.got = [];
    const pusher = new Pusher(key, { cluster: 'herald', wsHost: '127.0.0.1', wsPort: port,
      forceTLS: false, enabledTransports: ['ws'], disableStats: true,
      channelAuthorization: { endpoint: '/pusher/auth?user=web', transport: 'ajax' } });
    for (const name of ['web-news', 'private-web']) {
      const ch = pusher.subscribe(name);
      ch.bind('pusher:subscription_succeeded', () => window.got.push(`ok ${name}`));
      ch.bind('update', (d) => window.got.push(`${name} ${JSON.stringify(d)}`));
    }
  }, { key: a.key, port: herald.port });
  await until(async () => (await got(p)).length === 2, 10_000);
  await sdk.trigger(['web-news', 'private-web'], 'update', { n: 1 });
  await until(async () => (await got(p)).length === 4, 10_000);
  assert.deepEqual((await got(p)).slice(2).sort(), ['private-web {"n":1}', 'web-news {"n":1}']);
  await p.close();
});

test('Laravel Echo: channel().listen, private().listen, join().here/joining/leaving, whisper', async () => {
  const ann = await page('ann');
  await ann.evaluate(() => {
    echo.channel('orders').listen('.OrderShipped', (e) => got.push(`public ${e.id}`));
    echo.private('user.ann').listen('.Notice', (e) => got.push(`private ${e.text}`));
    echo.join('room')
      .here((users) => got.push(`here ${users.map((u) => u.name).sort().join(',')}`))
      .joining((u) => got.push(`joining ${u.name}`))
      .leaving((u) => got.push(`leaving ${u.name}`))
      .listenForWhisper('typing', (e) => got.push(`whisper ${e.who}`));
  });
  await until(async () => (await got(ann)).includes('here User ann'), 10_000);
  await until(async () => (await sdk.get({ path: '/channels/private-user.ann' }).then((r) => r.json())).occupied, 10_000);
  await sdk.trigger('orders', 'OrderShipped', { id: 5 });
  await sdk.trigger('private-user.ann', 'Notice', { text: 'hi' });
  await until(async () => (await got(ann)).includes('public 5') && (await got(ann)).includes('private hi'), 10_000);
  const bob = await page('bob');
  await bob.evaluate(() => {
    window.room = echo.join('room').here((users) => got.push(`here ${users.length}`));
  });
  await until(async () => (await got(ann)).includes('joining User bob'), 10_000);
  await until(async () => (await got(bob)).includes('here 2'), 10_000);
  await bob.evaluate(() => room.whisper('typing', { who: 'bob' }));
  await until(async () => (await got(ann)).includes('whisper bob'), 10_000);
  await bob.close();
  await until(async () => (await got(ann)).includes('leaving User bob'), 15_000);
  await ann.close();
});
