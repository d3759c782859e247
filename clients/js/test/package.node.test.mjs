// The npm package as a user gets it: `npm pack` (prepack builds dist/), the tarball installed into
// an empty project, imported in Node as an ES module and with require(), and bundled for a browser
// with esbuild; the bundle then runs in Node against a real Herald and receives a publication.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import WebSocket from 'ws';
import { startHerald, openNamespace } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sdk = join(here, '..');
const pkg = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack, install into an empty project, import, require and bundle for a browser', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-npm-'));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], sdk))[0];
    assert.equal(packed.name, 'herald-realtime');
    assert.equal(packed.version, pkg.version);
    const files = packed.files.map((f) => f.path);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/herald.js', 'dist/herald.cjs',
      'dist/react.js', 'dist/react.cjs', 'dist/types/herald.d.ts']) {
      assert.ok(files.includes(f), `${f} is in the package: ${files.join(', ')}`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/')), 'no sources or tests');

    const app = join(dir, 'app');
    run('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, packed.filename)], app);

    const esm = run('node', ['--input-type=module', '-e',
      "import { Herald, VERSION } from 'herald-realtime';" +
      "console.log(typeof Herald, VERSION, import.meta.resolve('herald-realtime/react').endsWith('/dist/react.js'))"], app);
    assert.equal(esm.trim(), `function ${pkg.version} true`);
    const cjs = run('node', ['-e',
      "const { Herald, VERSION } = require('herald-realtime');" +
      "console.log(typeof Herald, VERSION, require.resolve('herald-realtime/react').endsWith('/dist/react.cjs'))"], app);
    assert.equal(cjs.trim(), `function ${pkg.version} true`);

    // A browser bundle of an app that uses the package; run it with a WebSocket class on globalThis.
    writeFileSync(join(app, 'main.js'), `
      import { Herald } from 'herald-realtime';
      globalThis.startClient = (url, token, channel, onData) => {
        const h = new Herald(url, { token, transports: ['websocket'] });
        const sub = h.subscribe(channel);
        sub.on('subscribed', () => globalThis.onSubscribed());
        sub.on('publication', (p) => { onData(p.data); h.disconnect(); });
        h.connect();
      };`);
    const out = await build({ entryPoints: [join(app, 'main.js')], bundle: true, platform: 'browser',
      format: 'iife', write: false, absWorkingDir: app, logLevel: 'silent' });
    const bundle = out.outputFiles[0].text;
    assert.ok(bundle.includes('connection') && !bundle.includes('require('), 'a self-contained browser bundle');

    const server = await startHerald({ namespaces: [openNamespace('pkg')] });
    try {
      globalThis.WebSocket = WebSocket;
      let subscribed;
      const ready = new Promise((r) => { subscribed = r; });
      globalThis.onSubscribed = subscribed;
      new Function(bundle)();
      const got = new Promise((resolve) => globalThis.startClient(server.url, server.token('pkg-user'), 'pkg:news', resolve));
      await ready;
      await server.api('publish', { channel: 'pkg:news', data: { from: 'the packed SDK' } });
      assert.deepEqual(await got, { from: 'the packed SDK' });
    } finally {
      delete globalThis.WebSocket;
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
