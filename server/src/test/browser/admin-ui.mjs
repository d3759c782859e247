// Drives the admin UI in Debian's Chromium (playwright-core, no downloaded browser) for
// io.herald.it.AdminUiBrowserTest. Talks with the test over stdin/stdout, one line each step:
//   prints "logged-in"           after login, when the overview shows the test's first client
//   reads  "connected"           once the test opened one more client
//   prints "saw-connection"      when the overview counts it
//   prints "webhook-queue <id>"  when the overview lists the webhook receiver WEBHOOK (if set)
//   prints "channel-view ..."    with the users present and the history length in the channel view
//   prints "published"           after publishing from the form
// Env: BASE_URL, PASSWORD, CHANNEL, SHOTS (a directory for PNG screenshots, optional), WEBHOOK
// (a webhook receiver's id, optional).
import { chromium } from 'playwright-core';
import readline from 'node:readline';

const { BASE_URL, PASSWORD, CHANNEL, SHOTS, WEBHOOK } = process.env;
const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
const say = (s) => process.stdout.write(s + '\n');
const shot = async (page, name) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};
const count = (page, id) => page.locator('#' + id).textContent().then(Number);
const waitCount = (page, id, n) =>
  page.waitForFunction(([i, v]) => Number(document.getElementById(i).textContent) === v, [id, n],
    { timeout: 10000 });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
  page.on('pageerror', (e) => say('page error: ' + e.message));
  await page.goto(BASE_URL + '/admin');
  await page.fill('#password', 'wrong password!!');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#login-error:text("wrong password")');
  await shot(page, 'admin-login');
  await page.fill('#password', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');
  await page.waitForSelector('#live.live', { timeout: 10000 });
  // The test's subscriber and this page's own connection.
  await waitCount(page, 'sum-clients', 2);
  say('logged-in');

  const next = await lines.next();
  if (next.value !== 'connected') throw new Error('unexpected line from the test: ' + next.value);
  await waitCount(page, 'sum-clients', 3);
  say('saw-connection ' + (await count(page, 'sum-clients')));
  if (WEBHOOK) {
    await page.waitForSelector(`#webhook-list tr:has-text("${WEBHOOK}")`, { timeout: 10000 });
    say('webhook-queue ' + WEBHOOK);
  }
  await shot(page, 'admin-overview');

  await page.click('nav button[data-tab=channels]');
  await page.fill('#search', CHANNEL.split(':')[0]);
  await page.click('#search-form button');
  const row = page.locator('#channel-list tr', { hasText: CHANNEL });
  await row.waitFor();
  await row.click();
  await page.waitForSelector('#channel-view:not([hidden])');
  await page.waitForSelector('#cv-history li:has-text("earlier two")');
  await page.waitForSelector('#cv-presence div:has-text("second")');
  const users = (await page.locator('#cv-presence div').allTextContents())
    .map((t) => t.split(' ')[0].replace(/-[0-9a-f]+$/, '')).sort();
  say('channel-view presence=' + users.join(',') + ' history=' +
    (await page.locator('#cv-history li').count()));

  await page.click('nav button[data-tab=actions]');
  await page.fill('#pub-channel', CHANNEL);
  await page.fill('#pub-data', '{"text": "hello from the admin form"}');
  await page.click('#publish-form button[type=submit]');
  await page.waitForSelector('#publish-form .result:text("done")');
  await shot(page, 'admin-actions');
  say('published');

  await page.click('nav button[data-tab=channels]');
  await page.waitForSelector('#cv-tail li:has-text("hello from the admin form")', { timeout: 10000 });
  await shot(page, 'admin-channel');
  say('tail-shows-it');
} catch (e) {
  say('failed: ' + e.message);
  process.exitCode = 1;
} finally {
  input.close();
  await browser.close();
}
