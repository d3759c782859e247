// The demo page's assistant panel against the example AI backend, the way the example's README
// runs it: Herald on examples/ai-backend/herald.yaml (ports and proxy endpoints moved by HERALD_*
// variables to free ones), the browser logged in to the backend by its session cookie. The
// answer must appear token by token (many separate updates of the page), and Stop cancels it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot, startAiBackend, startHerald, until } from './harness.mjs';
import { launchChromium } from './browser.mjs';

const example = join(repoRoot, 'examples/ai-backend');
let backend;
let server;
let browser;
let page;

before(async () => {
  backend = await startAiBackend({ tokenDelayMs: 30 });
  const base = backend.base;
  server = await startHerald({
    args: ['serve', '--config', join(example, 'herald.yaml')],
    env: {
      HERALD_PORT: '0',
      HERALD_ALLOWED_ORIGINS: '*',
      HERALD_PROXY_CONNECT_ENDPOINT: `${base}/herald/connect`,
      HERALD_PROXY_RPC_ENDPOINT: `${base}/herald/rpc`,
    },
  });
  const [name, value] = (await backend.login('ann')).split('=');
  browser = await launchChromium();
  const context = await browser.newContext();
  await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
  page = await context.newPage();
  await page.goto(server.base + '/');
  await page.waitForSelector('[data-testid=badge].connected', { timeout: 10_000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  backend?.stop();
});

/** Starts recording (in the page) the length of the answer at every change. */
function recordAnswerGrowth() {
  return page.evaluate(() => {
    const answer = document.querySelector('[data-testid=ai-answer]');
    window.answerLengths = [];
    new MutationObserver(() => window.answerLengths.push(answer.textContent.length))
      .observe(answer, { childList: true, subtree: true, characterData: true });
  });
}

test('the assistant\'s answer streams into the page token by token', async () => {
  await recordAnswerGrowth();
  await page.fill('[data-testid=ai-input]', 'What is Herald?');
  await page.click('#ai-ask');
  await page.waitForFunction(() => document.querySelector('#ai-cancel').hidden
    && document.querySelector('[data-testid=ai-answer]').textContent.endsWith('wasting work. '), null, { timeout: 20_000 });
  const text = await page.textContent('[data-testid=ai-answer]');
  assert.match(text, /^Hello ann\. You asked: "What is Herald\?"\. Here is what I think\./);
  const lengths = (await page.evaluate(() => window.answerLengths)).filter((n) => n > 0);
  assert.ok(lengths.length > 40, `the answer grew in ${lengths.length} steps`);
  for (let i = 1; i < lengths.length; i++) assert.ok(lengths[i] > lengths[i - 1], 'the answer only grows');
});

test('the other panels work on the example\'s config too: a task is saved and shown', async () => {
  await page.fill('[data-testid=task-input]', 'water the plants');
  await page.evaluate(() => document.getElementById('task-form').requestSubmit());
  await page.waitForFunction(() => document.querySelector('[data-testid=tasks]').textContent.includes('water the plants'),
    null, { timeout: 5000 });
});

test('Stop cancels the answer and the backend stops generating', async () => {
  await page.fill('[data-testid=ai-input]', 'stop me');
  await page.click('#ai-ask');
  await page.waitForFunction(() => document.querySelector('[data-testid=ai-answer]').textContent.length > 20, null, { timeout: 10_000 });
  await page.click('#ai-cancel');
  await page.waitForFunction(() => document.querySelector('[data-testid=ai-answer]').textContent.startsWith('Stopped'), null, { timeout: 5000 });
  await until(() => /ask by ann: cancelled after \d+ of \d+ tokens/.test(backend.output()), 10_000, 'the backend to stop');
});
