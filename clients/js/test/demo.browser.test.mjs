// The demo page that `herald dev` serves at /, in two browser contexts (two devices of one user):
// a task added on one shows on the other in under a second, chat, presence and typing work, and a
// device that was offline catches up on reconnect.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHerald } from './harness.mjs';
import { launchChromium } from './browser.mjs';

let server, browser, deviceA, deviceB;

async function openDevice() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.errors = errors;
  await page.goto(server.base + '/');
  await page.waitForSelector('[data-testid=badge].connected', { timeout: 10_000 });
  return page;
}

/** Resolves (in the page) with the time `text` appears in `selector`. */
function watchFor(page, selector, text) {
  return page.evaluate(([sel, t]) => new Promise((resolve) => {
    const root = document.querySelector(sel);
    const check = () => {
      if (root.textContent.includes(t)) {
        observer.disconnect();
        resolve(Date.now());
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    check();
  }), [selector, text]);
}

before(async () => {
  server = await startHerald({ args: ['dev', '--port', '0'], env: { HERALD_ADDRESS: '127.0.0.1' } });
  browser = await launchChromium();
  deviceA = await openDevice();
  deviceB = await openDevice();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a task added on one device shows on the other in under a second', async (t) => {
  for (let i = 1; i <= 3; i++) {
    const text = `buy milk ${i} ${Date.now()}`;
    const seen = watchFor(deviceB, '[data-testid=tasks]', text);
    await deviceA.fill('[data-testid=task-input]', text);
    const sentAt = await deviceA.evaluate(() => {
      const t = Date.now();
      document.getElementById('task-form').requestSubmit();
      return t;
    });
    const elapsed = (await seen) - sentAt;
    t.diagnostic(`task ${i} reached the other device after ${elapsed} ms`);
    assert.ok(elapsed < 1000, `task reached the other device after ${elapsed} ms`);
  }
  // Completing a task syncs too.
  await deviceB.locator('[data-testid=tasks] li').first().locator('input[type=checkbox]').check();
  await deviceA.waitForSelector('[data-testid=tasks] li.done', { timeout: 1000 });
});

test('a device that was offline gets the changes it missed when it comes back', async () => {
  await deviceA.click('[data-testid=toggle]');
  await deviceA.waitForSelector('[data-testid=badge].disconnected');
  const text = `while you were away ${Date.now()}`;
  await deviceB.fill('[data-testid=task-input]', text);
  await deviceB.press('[data-testid=task-input]', 'Enter');
  await deviceB.waitForSelector(`[data-testid=tasks] li:has-text("${text}")`);
  // Offline, device A queues its own change; it goes out on reconnect.
  const offlineText = `written offline ${Date.now()}`;
  await deviceA.fill('[data-testid=task-input]', offlineText);
  await deviceA.press('[data-testid=task-input]', 'Enter');
  await deviceA.click('[data-testid=toggle]');
  await deviceA.waitForSelector(`[data-testid=tasks] li:has-text("${text}")`, { timeout: 5000 });
  await deviceB.waitForSelector(`[data-testid=tasks] li:has-text("${offlineText}")`, { timeout: 5000 });
  const a = await deviceA.locator('[data-testid=tasks] li span').allTextContents();
  const b = await deviceB.locator('[data-testid=tasks] li span').allTextContents();
  assert.deepEqual(a, b);
});

test('chat: messages, presence and the typing indicator', async () => {
  await deviceB.waitForFunction(() => /^2 online/.test(document.querySelector('[data-testid=presence]').textContent),
    null, { timeout: 5000 });
  await deviceA.fill('#nick', 'Ann');
  await deviceA.dispatchEvent('#nick', 'change');
  await deviceA.locator('[data-testid=chat-input]').pressSequentially('hel');
  await deviceB.waitForSelector('[data-testid=typing]:has-text("Ann is typing")', { timeout: 2000 });
  await deviceA.fill('[data-testid=chat-input]', 'hello from A');
  await deviceA.press('[data-testid=chat-input]', 'Enter');
  await deviceB.waitForSelector('[data-testid=messages] li:has-text("hello from A")', { timeout: 2000 });
  await deviceB.waitForFunction(() => !document.querySelector('[data-testid=typing]').textContent.includes('Ann'),
    null, { timeout: 2000 });
  assert.deepEqual(deviceA.errors, []);
  assert.deepEqual(deviceB.errors, []);
});
