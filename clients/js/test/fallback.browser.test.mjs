// The SDK's fallback in Chromium: with WebSocket disabled in the page it works over SSE (the token
// in a cookie, across origins); behind a proxy that also buffers responses it works over
// long-polling; both recover what a network cut made them miss; and the transport that worked is
// remembered across a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHerald } from './harness.mjs';
import { startHttpProxy } from './http-proxy.mjs';
import { startProxy } from './tcp-proxy.mjs';
import { launchChromium, sdkBundleScripts, startPageServer } from './browser.mjs';

let server, pageServer, browser;

const PAGE = `<!doctype html><meta charset="utf-8"><title>fallback test</title>
<script type="module">
  import { Herald } from '/herald.js';
  const q = new URLSearchParams(location.search);
  window.received = [];
  window.subscribed = [];
  window.connected = [];
  const h = new Herald(q.get('url'), {
    token: q.get('token') || undefined, fallbackTimeout: 3000, minReconnectDelay: 100, maxReconnectDelay: 400,
  });
  window.h = h;
  h.on('connected', (ctx) => window.connected.push(ctx));
  const sub = h.subscribe(q.get('channel'), { recover: true });
  sub.on('publication', (p) => window.received.push({ data: p.data, offset: p.offset }));
  sub.on('subscribed', (ctx) => window.subscribed.push(ctx));
  h.connect();
</script>`;

before(async () => {
  pageServer = await startPageServer(PAGE, sdkBundleScripts());
  // The page's origin listed by name: only such origins get CORS with credentials (the token
  // cookie); one admitted by "*" alone gets none (docs/transports.md).
  server = await startHerald({ extra: { allowedOrigins: [pageServer.url] } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await pageServer?.close();
  await server?.stop();
});

/** A page (in its own browser context) connecting to `url` and subscribing to `channel`. */
async function openPage(url, channel, { token = '', withoutWebSocket = false, cookie } = {}) {
  const context = await browser.newContext();
  if (withoutWebSocket) await context.addInitScript(() => delete window.WebSocket);
  if (cookie) await context.addCookies([{ name: 'herald_token', value: cookie, domain: '127.0.0.1', path: '/' }]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  const query = new URLSearchParams({ url, channel, token });
  await page.goto(`${pageServer.url}/?${query}`);
  return { page, context, errors };
}

/** Publishes 1..3, cuts the network while 4..15 are published, and checks the page got 1..16 once each, in order. */
async function recoversAcrossCut(page, channel, network) {
  await page.waitForFunction(() => window.subscribed.length === 1, null, { timeout: 10_000 });
  for (let i = 1; i <= 3; i++) await server.api('publish', { channel, data: i });
  await page.waitForFunction(() => window.received.length === 3, null, { timeout: 5000 });
  network.refuse = true;
  network.cut();
  await page.waitForFunction(() => window.h.state === 'connecting', null, { timeout: 8000 });
  for (let i = 4; i <= 15; i++) await server.api('publish', { channel, data: i });
  // Back while the page waits between attempts, not halfway through one.
  await page.waitForFunction(() => window.h.transportName === '', null, { timeout: 5000 });
  network.refuse = false;
  await page.waitForFunction(() => window.received.length === 15, null, { timeout: 15_000 });
  await server.api('publish', { channel, data: 16 });
  await page.waitForFunction(() => window.received.length === 16, null, { timeout: 5000 });
  const received = await page.evaluate(() => window.received);
  assert.deepEqual(received.map((p) => p.data), Array.from({ length: 16 }, (_, i) => i + 1));
  assert.deepEqual(received.map((p) => p.offset), Array.from({ length: 16 }, (_, i) => i + 1));
  const subscribed = await page.evaluate(() => window.subscribed);
  assert.equal(subscribed.at(-1).wasRecovering, true);
  assert.equal(subscribed.at(-1).recovered, true);
}

test('with WebSocket disabled the page works over SSE, its token in a cookie, and recovers after a cut', async () => {
  const network = await startProxy(server.port);
  const channel = 'h:browser-sse';
  const { page, context, errors } = await openPage(`ws://127.0.0.1:${network.port}/connection/websocket`, channel,
    { withoutWebSocket: true, cookie: server.token('cookie-user') });
  try {
    await page.waitForFunction(() => window.connected.length === 1, null, { timeout: 10_000 });
    const connected = await page.evaluate(() => window.connected[0]);
    assert.equal(connected.transport, 'sse');
    assert.equal(connected.user, 'cookie-user');
    assert.equal(await page.evaluate(() => typeof window.WebSocket), 'undefined');

    await page.waitForFunction(() => window.subscribed.length === 1, null, { timeout: 10_000 });
    const published = await page.evaluate(() => window.h.publish('h:browser-sse-own', 'from the page'));
    assert.equal(published.offset, 1);
    const history = await page.evaluate(() => window.h.history('h:browser-sse-own'));
    assert.deepEqual(history.publications.map((p) => p.data), ['from the page']);
    const presence = await page.evaluate((c) => window.h.presence(c), channel);
    assert.deepEqual(Object.values(presence.clients).map((c) => c.user), ['cookie-user']);

    await recoversAcrossCut(page, channel, network);
    // Long-poll only if the network came back between the two transports of one attempt.
    assert.ok(['sse', 'longpoll'].includes(await page.evaluate(() => window.h.transportName)));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await network.close();
  }
});

test('behind a proxy that refuses WebSocket and buffers responses the page works over long-polling and recovers', async () => {
  const proxy = await startHttpProxy(server.port, { buffer: true });
  const channel = 'h:browser-longpoll';
  const { page, context, errors } = await openPage(proxy.url, channel, { token: server.token('lp-user') });
  try {
    await page.waitForFunction(() => window.connected.length === 1, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.connected[0].transport), 'longpoll');
    assert.equal(proxy.upgrades, 1, 'WebSocket was tried first');
    assert.equal(proxy.count('GET /connection/sse'), 1, 'then SSE, which never answered');
    await recoversAcrossCut(page, channel, proxy);
    assert.equal(await page.evaluate(() => window.h.transportName), 'longpoll');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('the transport that worked is remembered across a reload (localStorage)', async () => {
  const proxy = await startHttpProxy(server.port);
  const channel = 'h:browser-remember';
  const { page, context, errors } = await openPage(proxy.url, channel, { token: server.token('reload-user') });
  try {
    await page.waitForFunction(() => window.connected.length === 1, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.connected[0].transport), 'sse');
    assert.equal(proxy.upgrades, 1);
    const stored = await page.evaluate((key) => localStorage.getItem(key), `herald-transport:${proxy.url}`);
    assert.equal(JSON.parse(stored).name, 'sse');

    await page.reload();
    await page.waitForFunction(() => window.connected.length === 1, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.connected[0].transport), 'sse');
    assert.equal(proxy.upgrades, 1, 'the reloaded page went straight to SSE');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await proxy.close();
  }
});
