// The built bundle (dist/herald.js) in a real browser: receives publications, survives a network
// cut made by a TCP proxy between the page and Herald, and recovers every missed publication in
// order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHerald } from './harness.mjs';
import { startProxy } from './tcp-proxy.mjs';
import { launchChromium, sdkBundleScripts, startPageServer } from './browser.mjs';

let server, proxy, pageServer, browser;

const PAGE = `<!doctype html><meta charset="utf-8"><title>sdk test</title>
<script type="module">
  import { Herald } from '/herald.js';
  const q = new URLSearchParams(location.search);
  window.received = [];
  window.subscribed = [];
  window.states = [];
  const h = new Herald(q.get('url'), { token: q.get('token'), minReconnectDelay: 100, maxReconnectDelay: 400 });
  window.h = h;
  for (const s of ['connecting', 'connected', 'disconnected']) h.on(s, () => window.states.push(s));
  const sub = h.subscribe('h:browser', { recover: true });
  sub.on('publication', (p) => window.received.push({ data: p.data, offset: p.offset }));
  sub.on('subscribed', (ctx) => window.subscribed.push(ctx));
  h.connect();
</script>`;

before(async () => {
  server = await startHerald();
  proxy = await startProxy(server.port);
  pageServer = await startPageServer(PAGE, sdkBundleScripts());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await pageServer?.close();
  await proxy?.close();
  await server?.stop();
});

test('a page using the bundle recovers every publication missed during a network cut', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  const wsUrl = `ws://127.0.0.1:${proxy.port}/connection/websocket`;
  await page.goto(`${pageServer.url}/?url=${encodeURIComponent(wsUrl)}&token=${server.token('browser-user')}`);
  await page.waitForFunction(() => window.subscribed.length === 1, null, { timeout: 10_000 });

  for (let i = 1; i <= 5; i++) await server.api('publish', { channel: 'h:browser', data: i });
  await page.waitForFunction(() => window.received.length === 5, null, { timeout: 5000 });

  proxy.refuse = true;
  proxy.cut();
  await page.waitForFunction(() => window.h.state === 'connecting', null, { timeout: 5000 });
  for (let i = 6; i <= 30; i++) await server.api('publish', { channel: 'h:browser', data: i });
  // A few failed attempts while the network is down, then it comes back.
  await new Promise((r) => setTimeout(r, 500));
  proxy.refuse = false;
  await page.waitForFunction(() => window.received.length === 30, null, { timeout: 10_000 });
  await server.api('publish', { channel: 'h:browser', data: 31 });
  await page.waitForFunction(() => window.received.length === 31, null, { timeout: 5000 });

  const received = await page.evaluate(() => window.received);
  assert.deepEqual(received.map((p) => p.data), Array.from({ length: 31 }, (_, i) => i + 1));
  assert.deepEqual(received.map((p) => p.offset), Array.from({ length: 31 }, (_, i) => i + 1));
  const subscribed = await page.evaluate(() => window.subscribed);
  assert.equal(subscribed.length, 2);
  assert.equal(subscribed[1].wasRecovering, true);
  assert.equal(subscribed[1].recovered, true);
  const states = await page.evaluate(() => window.states);
  assert.deepEqual(states, ['connecting', 'connected', 'connecting', 'connected']);
  assert.ok(proxy.connections >= 2);
  assert.deepEqual(errors, []);
});
