// Drives Herald's SSE and long-poll fallbacks from a page of another origin in Debian's Chromium
// (playwright-core, no downloaded browser) for io.herald.it.FallbackBrowserTest. The page uses
// the browser's own EventSource and fetch with credentials; the token comes in a cookie. One line
// on stdout per step:
//   prints "sse-connected <user>"     when the stream's first event (the connect reply) arrived
//   prints "subscribed"               after a cross-origin emulation POST (with preflight)
//   reads  "published"                once the test published to CHANNEL
//   prints "publication <text>"       when it arrived on the stream
//   prints "longpoll-connected <user>" after opening a long-poll session by fetch
//   prints "refused <status>"         for a fetch from a page whose origin is not allowed
// A failed step prints "failed: <why>" instead and exits 1.
// Env: HERALD (base URL), PAGE (a page URL of the allowed origin), OTHER (one of another origin),
// TOKEN, COOKIE (the cookie's name), CHANNEL.
import { chromium } from 'playwright-core';
import readline from 'node:readline';

const { HERALD, PAGE, OTHER, TOKEN, COOKIE, CHANNEL } = process.env;
const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
const say = (s) => process.stdout.write(s + '\n');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext();
  await context.addCookies([{ name: COOKIE, value: TOKEN, url: HERALD }]);
  const page = await context.newPage();
  page.on('pageerror', (e) => say('page error: ' + e.message));
  await page.goto(PAGE);

  const user = await page.evaluate((herald) => new Promise((resolve, reject) => {
    const es = new EventSource(herald + '/connection/sse', { withCredentials: true });
    window.heraldEvents = [];
    es.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.id === 1) {
        window.heraldSession = msg.result.session;
        resolve(msg.result.user);
      }
      window.heraldEvents.push(msg);
    };
    es.onerror = () => reject(new Error('EventSource failed'));
    window.heraldStream = es;
  }), HERALD);
  say('sse-connected ' + user);

  const status = await page.evaluate(async ([herald, channel]) => {
    const response = await fetch(herald + '/connection/emulation', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: window.heraldSession,
        data: { jsonrpc: '2.0', id: 2, method: 'subscribe', params: { channel } } }),
    });
    for (let i = 0; i < 100 && !window.heraldEvents.some((m) => m.id === 2); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const reply = window.heraldEvents.find((m) => m.id === 2);
    return response.status + ' ' + (reply && reply.result ? 'ok' : JSON.stringify(reply));
  }, [HERALD, CHANNEL]);
  if (status !== '204 ok') throw new Error('subscribe: ' + status);
  say('subscribed');

  await lines.next();
  const text = await page.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      const p = window.heraldEvents.find((m) => m.method === 'publication');
      if (p) return p.params.data.text;
      await new Promise((r) => setTimeout(r, 50));
    }
    return 'none';
  });
  say('publication ' + text);

  const polled = await page.evaluate(async (herald) => {
    const response = await fetch(herald + '/connection/longpoll', {
      method: 'POST', credentials: 'include', body: '{}' });
    const body = await response.json();
    return body.messages[0].result.user;
  }, HERALD);
  say('longpoll-connected ' + polled);
  await page.evaluate(() => window.heraldStream.close());

  const other = await context.newPage();
  await other.goto(OTHER);
  const refused = await other.evaluate(async (herald) => {
    try {
      await fetch(herald + '/connection/longpoll', { method: 'POST', body: '{}' });
      return 'readable';
    } catch (e) {
      return 'blocked';
    }
  }, HERALD);
  say('refused ' + refused);
} catch (e) {
  say('failed: ' + e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
  input.close();
}
