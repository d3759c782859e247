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
