// The unidirectional endpoints in Chromium with the browser's own EventSource and WebSocket, no
// library: a network cut (a proxy that drops every connection) loses and repeats nothing, an epoch
// change (the proxy moved to a server with a fresh stream) says recovered: false, and the migration
// example of docs/uni.md, taken from the page itself, runs as written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNamespace, repoRoot, startHerald, until } from './harness.mjs';
import { startProxy } from './tcp-proxy.mjs';
import { launchChromium, startPageServer } from './browser.mjs';

const DEFAULTS = { ...openNamespace(''), allowSubscribeForAnonymous: true };
delete DEFAULTS.name;

let server, other, pageServer, browser;

before(async () => {
  const config = { extra: { defaultNamespace: DEFAULTS } };
  server = await startHerald(config);
  other = await startHerald({ ...config, secret: server.secret });
  pageServer = await startPageServer('<!doctype html><meta charset="utf-8"><title>uni</title>');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await pageServer?.close();
  await server?.stop();
  await other?.stop();
});

async function newPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(pageServer.url);
  return { page, context, errors };
}

const publish = (herald, channel, data) => herald.api('publish', { channel, data });

test('EventSource resumes across a network cut from its Last-Event-ID: nothing lost, nothing repeated', async () => {
  const proxy = await startProxy(server.port);
  const { page, context, errors } = await newPage();
  try {
    const url = `http://127.0.0.1:${proxy.port}/connection/uni/sse?channels=h:sse,feed&token=${server.token('ann')}`;
    await page.evaluate((u) => {
      window.got = [];
      window.events = [];
      const es = new EventSource(u);
      es.onmessage = (e) => window.got.push(JSON.parse(e.data));
      for (const type of ['connected', 'recovery']) {
        es.addEventListener(type, (e) => window.events.push({ type, id: e.lastEventId, ...JSON.parse(e.data) }));
      }
    }, url);
    await page.waitForFunction(() => window.events.length === 1, null, { timeout: 10_000 });
    for (let i = 1; i <= 3; i++) await publish(server, 'h:sse', i);
    await publish(server, 'feed', 'a');
    await page.waitForFunction(() => window.got.length === 4, null, { timeout: 10_000 });

    proxy.refuse = true;
    proxy.cut();
    for (let i = 4; i <= 12; i++) await publish(server, 'h:sse', i);
    await publish(server, 'feed', 'b');
    proxy.refuse = false;
    for (let i = 13; i <= 15; i++) await publish(server, 'h:sse', i);
    await page.waitForFunction(() => window.got.filter((m) => m.channel === 'h:sse').length >= 15, null, { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 300));

    const got = await page.evaluate(() => window.got);
    const sse = got.filter((m) => m.channel === 'h:sse');
    assert.deepEqual(sse.map((m) => m.data), Array.from({ length: 15 }, (_, i) => i + 1));
    assert.deepEqual(sse.map((m) => m.offset), Array.from({ length: 15 }, (_, i) => i + 1));
    assert.deepEqual(got.filter((m) => m.channel === 'feed').map((m) => m.data), ['a', 'b']);
    const events = await page.evaluate(() => window.events);
    assert.deepEqual(events.map((e) => e.type), ['connected', 'connected']);
    assert.match(events[1].id, /^h:sse:3~[\w-]+,feed:1~[\w-]+$/);
    assert.ok(proxy.connections >= 2);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await proxy.close();
  }
});

test('EventSource gets recovered: false when the stream it resumes is another epoch', async () => {
  const proxy = await startProxy(server.port);
  const { page, context } = await newPage();
  try {
    const url = `http://127.0.0.1:${proxy.port}/connection/uni/sse?channels=h:epoch&token=${server.token('ann')}`;
    await page.evaluate((u) => {
      window.got = [];
      window.events = [];
      const es = new EventSource(u);
      es.onmessage = (e) => window.got.push(JSON.parse(e.data));
      for (const type of ['connected', 'recovery']) {
        es.addEventListener(type, (e) => window.events.push({ type, ...JSON.parse(e.data) }));
      }
    }, url);
    await page.waitForFunction(() => window.events.length === 1, null, { timeout: 10_000 });
    await publish(server, 'h:epoch', 'old');
    await page.waitForFunction(() => window.got.length === 1, null, { timeout: 10_000 });

    // The other server has its own, fresh stream of the channel: another epoch.
    for (let i = 1; i <= 3; i++) await publish(other, 'h:epoch', `new ${i}`);
    proxy.targetPort = other.port;
    proxy.cut();
    await page.waitForFunction(() => window.events.length === 3, null, { timeout: 20_000 });
    const events = await page.evaluate(() => window.events);
    assert.deepEqual(events.map((e) => e.type), ['connected', 'connected', 'recovery']);
    assert.equal(events[2].channel, 'h:epoch');
    assert.equal(events[2].recovered, false);
    assert.equal(events[2].offset, 3);
    await publish(other, 'h:epoch', 'live');
    await page.waitForFunction(() => window.got.length === 2, null, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.got.map((m) => [m.data, m.offset])), [['old', 1], ['live', 4]]);
  } finally {
    await context.close();
    await proxy.close();
  }
});

/** The "after" code of docs/uni.md's migration example, as written there. */
function migrationExample() {
  const doc = readFileSync(join(repoRoot, 'docs/uni.md'), 'utf8');
  const at = doc.indexOf('<!-- uni-migration:after -->');
  const block = /```js\n([\s\S]*?)```/.exec(doc.slice(at));
  assert.ok(at >= 0 && block, 'docs/uni.md holds the migration example');
  return block[1];
}

test("docs/uni.md's migration example: a plain WebSocket resumes messages:142,knowledge:89 and across a cut", async () => {
  const commands = (channel, n) => Array.from({ length: n }, (_, i) => (
    { method: 'publish', params: { channel, data: { n: i + 1 } } }));
  await server.api('batch', { commands: commands('messages', 145) });
  await server.api('batch', { commands: commands('knowledge', 90) });
  const proxy = await startProxy(server.port);
  const { page, context, errors } = await newPage();
  try {
    await page.evaluate(`
      window.applied = [];
      window.reloaded = [];
      const base = 'ws://127.0.0.1:${proxy.port}';
      const apply = (channel, data) => window.applied.push([channel, data.n]);
      const reload = (channel) => window.reloaded.push(channel);
      ${migrationExample()}
      open();
    `);
    await page.waitForFunction(() => window.applied.length === 4, null, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.applied), [
      ['messages', 143], ['messages', 144], ['messages', 145], ['knowledge', 90]]);

    proxy.refuse = true;
    proxy.cut();
    await publish(server, 'knowledge', { n: 91 });
    await publish(server, 'messages', { n: 146 });
    proxy.refuse = false;
    await until(async () => (await page.evaluate(() => window.applied.length)) === 6, 15_000, 'the missed two');
    await publish(server, 'messages', { n: 147 });
    await until(async () => (await page.evaluate(() => window.applied.length)) === 7, 10_000, 'a live one');
    assert.deepEqual((await page.evaluate(() => window.applied)).slice(4), [
      ['messages', 146], ['knowledge', 91], ['messages', 147]]);
    assert.deepEqual(await page.evaluate(() => window.reloaded), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await proxy.close();
  }
});
