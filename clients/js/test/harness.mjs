// Starts a real Herald server (server/target/herald.jar) for the tests, mints tokens and calls
// its HTTP API. Every server listens on an ephemeral loopback port.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const jarPath = process.env.HERALD_JAR ?? join(repoRoot, 'server/target/herald.jar');

export function javaBinary() {
  const home = process.env.JAVA_HOME || execFileSync(join(repoRoot, 'scripts/java-home.sh')).toString().trim();
  return join(home, 'bin/java');
}

/** A namespace open to every authenticated client, with history, presence and join/leave. */
export function openNamespace(name, extra = {}) {
  return {
    name,
    allowSubscribeForClient: true,
    allowPublishForClient: true,
    allowUserLimitedChannels: true,
    allowHistoryForSubscriber: true,
    allowHistoryForClient: true,
    allowPresenceForSubscriber: true,
    allowPresenceForClient: true,
    historySize: 1000,
    historyTtl: '10m',
    presence: true,
    allowJoinLeaveForSubscriber: true,
    ...extra,
  };
}

/**
 * Starts Herald with `client` settings and namespaces `h` (history) and `plain` (no history),
 * or the given `namespaces`. Resolves once it listens. `args` replaces `serve --config FILE`;
 * `secret` (HMAC) defaults to a fresh random one; `extra` adds top-level config keys (e.g. `proxy`).
 */
export async function startHerald({ client = {}, namespaces, args, env = {}, secret: givenSecret, extra = {} } = {}) {
  if (!existsSync(jarPath)) {
    throw new Error(`${jarPath} is missing: build it first (./mvnw -DskipTests package)`);
  }
  const secret = givenSecret ?? randomBytes(32).toString('hex');
  const apiKey = randomBytes(16).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'herald-js-test-'));
  const config = {
    port: 0,
    address: '127.0.0.1',
    allowedOrigins: ['*'],
    token: { hmacSecret: secret },
    api: { key: apiKey },
    client: { allowAnonymous: true, ...client },
    namespaces: namespaces ?? [openNamespace('h'), openNamespace('plain', { historySize: 0, historyTtl: '0s' })],
    ...extra,
  };
  const file = join(dir, 'herald.json');
  writeFileSync(file, JSON.stringify(config));
  const proc = spawn(javaBinary(), [
    '--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow', '-Xmx256m',
    '-jar', jarPath, ...(args ?? ['serve', '--config', file]),
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`Herald did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /Herald listening on [^:\s]+:(\d+)/.exec(output) ?? /http:\/\/localhost:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Herald exited with ${code}:\n${output}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    base,
    url: `ws://127.0.0.1:${port}/connection/websocket`,
    secret,
    apiKey,
    output: () => output,
    token: (user, claims = {}) => jwt(secret, { sub: user, ...claims }),
    async api(method, params) {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
      });
      const body = await res.json();
      if (body.error) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
      return body.result;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** An HS256 JWT. */
export function jwt(secret, claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(claims);
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Resolves with the first `event` of `emitter` matching `predicate`; rejects after `ms`. */
export function next(emitter, event, predicate = () => true, ms = 5000) {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const off = emitter.on(event, (e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      off();
      resolvePromise(e);
    });
  });
}

/** Polls `condition` until it is true; rejects after `ms`. */
export async function until(condition, ms = 5000, what = 'condition') {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Starts the example AI backend (examples/ai-backend/AiBackend.java, run by the JDK as a source
 * file) on a free port, streaming a token every `tokenDelayMs`. Resolves once it listens with
 * `{ base, output(), login(user), stop() }`: `login` resolves with the session cookie
 * (`name=value`) the backend sets for `user`.
 */
export async function startAiBackend({ tokenDelayMs }) {
  const proc = spawn(javaBinary(), [join(repoRoot, 'examples/ai-backend/AiBackend.java'), '--port', '0',
    '--token-delay-ms', String(tokenDelayMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  await until(() => /listening on http:\/\/\S+/.test(output), 60_000, 'the example backend');
  const base = /listening on (http:\/\/[^\s/]+)/.exec(output)[1];
  return {
    base,
    output: () => output,
    async login(user) {
      const res = await fetch(`${base}/login?user=${encodeURIComponent(user)}`, { redirect: 'manual' });
      return res.headers.get('set-cookie').split(';')[0];
    },
    stop: () => proc.kill(),
  };
}
