// A client for the release tests: connects to a Herald server with the TypeScript SDK (the build in
// clients/js/dist, WebSocket from the `ws` package), subscribes, prints "subscribed", then prints
// the first publication's data as JSON and exits 0; exits 1 after 60 s.
// Usage: node subscriber.mjs WS_URL HMAC_SECRET CHANNEL
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const [url, secret, channel] = process.argv.slice(2);
const js = join(dirname(fileURLToPath(import.meta.url)), '../../clients/js');
const WebSocket = createRequire(join(js, 'package.json'))('ws');
const { Herald } = await import(join(js, 'dist/herald.js'));

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'release-test', exp: Math.floor(Date.now() / 1000) + 600 })}`;
const token = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;

const timer = setTimeout(() => { console.log('timed out'); process.exit(1); }, 60_000);
const client = new Herald(url, { websocket: WebSocket, token });
const sub = client.subscribe(channel);
sub.on('subscribed', () => console.log('subscribed'));
sub.on('publication', (p) => {
  console.log('publication ' + JSON.stringify(p.data));
  clearTimeout(timer);
  client.disconnect();
  process.exit(0);
});
client.on('error', (e) => console.log('error ' + (e?.error?.message ?? e?.type ?? e)));
client.connect();
