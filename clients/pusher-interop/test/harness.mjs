// Starts a real Herald (server/target/herald.jar) with Pusher apps, through the JS SDK's test
// harness, and signs raw Pusher API requests for the cases the SDKs refuse to send.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import Pusher from 'pusher';
import { startHerald, openNamespace, until } from '../../js/test/harness.mjs';

export { until };

/** A fresh app: id, key and a random secret. */
export function app(id = '1001', extra = {}) {
  return { id, key: `key-${id}`, secret: randomBytes(16).toString('hex'), ...extra };
}

/**
 * Starts Herald serving `apps`; Herald's own clients may read app 1001's channels (namespace
 * pusher.1001). Resolves with the harness's server plus `sdk(app)`, a Pusher server SDK for it.
 */
export async function startPusherHerald(apps, { extra = {}, env = {} } = {}) {
  const herald = await startHerald({
    namespaces: [openNamespace('pusher.1001', { historySize: 0, historyTtl: '0s' }),
      openNamespace('pusher.1001.cache')],
    extra: { pusher: { apps }, ...extra },
    env,
  });
  return {
    ...herald,
    sdk: (a) => new Pusher({ appId: a.id, key: a.key, secret: a.secret, host: '127.0.0.1',
      port: String(herald.port), useTLS: false }),
    /** Sends a raw request signed like the SDKs sign, with `tamper` changing what is signed. */
    async raw(a, method, path, body, { timestamp, secret, key, params = {} } = {}) {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const q = {
        auth_key: key ?? a.key,
        auth_timestamp: String(timestamp ?? Math.floor(Date.now() / 1000)),
        auth_version: '1.0',
        ...params,
      };
      if (text !== undefined) q.body_md5 = createHash('md5').update(text).digest('hex');
      const query = Object.keys(q).sort().map((k) => `${k}=${q[k]}`).join('&');
      const sig = createHmac('sha256', secret ?? a.secret).update(`${method}\n${path}\n${query}`)
        .digest('hex');
      const res = await fetch(`${herald.base}${path}?${query}&auth_signature=${sig}`, {
        method, body: text, headers: text ? { 'content-type': 'application/json' } : {},
      });
      return { status: res.status, text: await res.text() };
    },
  };
}

/**
 * A pusher-js client (its Node build) of `a` on `port`, authorizing through `backend` as `user`.
 * `options` are merged into pusher-js's options.
 */
export async function pusherClient(a, port, backend, user = 'anonymous', options = {}) {
  const { default: PusherJs } = await import('pusher-js');
  return new PusherJs(a.key, {
    wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'],
    disableStats: true, cluster: 'herald',
    channelAuthorization: { endpoint: `${backend.url}/pusher/auth?user=${user}`, transport: 'ajax' },
    userAuthentication: { endpoint: `${backend.url}/pusher/user-auth?user=${user}`, transport: 'ajax' },
    ...options,
  });
}

/** Resolves once `client` is connected. */
export function connected(client, ms = 10_000) {
  return waitFor(client.connection, 'connected', ms, () => client.connection.state === 'connected');
}

/** Resolves with the next `event` of `target` (a pusher-js channel or connection). */
export function waitFor(target, event, ms = 10_000, already = () => false) {
  if (already()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const handler = (data) => {
      clearTimeout(timer);
      target.unbind(event, handler);
      resolve(data);
    };
    target.bind(event, handler);
  });
}

/** Collects every `event` of `target` into an array. */
export function collect(target, event) {
  const out = [];
  target.bind(event, (data, meta) => out.push(meta?.user_id ? { data, user_id: meta.user_id } : data));
  return out;
}

/** Debian's Chromium through this project's playwright-core; never downloads a browser. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
