// The React hook (herald-realtime/react) in Chromium: a component using useSubscription renders
// each publication, and unmounting ends the subscription it made.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startHerald } from './harness.mjs';
import { launchChromium, startPageServer } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let server, pageServer, browser, bundle;

const ENTRY = `
  import { createElement as h } from 'react';
  import { createRoot } from 'react-dom/client';
  import { Herald } from './dist/herald.js';
  import { useSubscription } from './dist/react.js';
  const q = new URLSearchParams(location.search);
  const client = new Herald(q.get('url'), { token: q.get('token') });
  client.connect();
  function News() {
    const { state, data, publications } = useSubscription(client, 'h:react', { keep: 2 });
    return h('p', { id: 'news' }, state + '|' + (data ? data.text : '') + '|' + publications.length);
  }
  const root = createRoot(document.getElementById('root'));
  root.render(h(News));
  window.unmount = () => root.render(h('p', null, 'gone'));
  window.client = client;
`;

before(async () => {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: join(here, '..'), loader: 'js' },
    bundle: true, format: 'esm', write: false, define: { 'process.env.NODE_ENV': '"production"' },
  });
  bundle = out.outputFiles[0].text;
  server = await startHerald();
  pageServer = await startPageServer('<!doctype html><div id="root"></div><script type="module" src="/app.js"></script>', { '/app.js': () => bundle });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await pageServer?.close();
  await server?.stop();
});

test('useSubscription renders publications and unsubscribes on unmount', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${pageServer.url}/?url=${encodeURIComponent(server.url)}&token=${server.token('reactor')}`);
  await page.waitForSelector('#news:has-text("subscribed||0")', { timeout: 10_000 });
  for (const text of ['one', 'two', 'three']) {
    await server.api('publish', { channel: 'h:react', data: { text } });
  }
  await page.waitForSelector('#news:has-text("subscribed|three|2")', { timeout: 5000 });
  assert.deepEqual((await server.api('presenceStats', { channel: 'h:react' })).numClients, 1);
  await page.evaluate(() => window.unmount());
  await page.waitForFunction(() => window.client.getSubscription('h:react') === undefined, null, { timeout: 5000 });
  for (let i = 0; i < 50; i++) {
    if ((await server.api('presenceStats', { channel: 'h:react' })).numClients === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await server.api('presenceStats', { channel: 'h:react' })).numClients, 0);
  assert.deepEqual(errors, []);
});
