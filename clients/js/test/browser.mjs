// Debian's Chromium driven by playwright-core (no browser is ever downloaded).
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Serves a test page on an ephemeral loopback port: `scripts` maps a path to its JavaScript (a
 * string, or a function giving it per request); every other path gets `html`. Resolves with
 * `{ url, close() }`, `url` being the page's origin.
 */
export async function startPageServer(html, scripts = {}) {
  const server = http.createServer((req, res) => {
    const script = scripts[new URL(req.url, 'http://x').pathname];
    if (script !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(typeof script === 'function' ? script() : script);
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(html);
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The SDK bundle (dist/herald.js) and its source map, as `startPageServer` scripts. */
export function sdkBundleScripts() {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
  return {
    '/herald.js': () => readFileSync(join(dist, 'herald.js')),
    '/herald.js.map': () => readFileSync(join(dist, 'herald.js.map')),
  };
}
