// The application backend of the tests: Pusher's auth endpoints, written with the `pusher` server
// SDK as a Laravel or Express app would, and a page loading pusher-js and Laravel Echo.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = join(dirname(fileURLToPath(import.meta.url)), '../node_modules');
const pusherJsWeb = readFileSync(join(modules, 'pusher-js/dist/web/pusher.js'));
const echoIife = readFileSync(join(modules, 'laravel-echo/dist/echo.iife.js'));

/**
 * Starts the backend for `sdk` (a `pusher` server SDK). `POST /pusher/auth?user=ID` authorizes
 * channels (presence members get `{name: 'User ID'}`), `POST /pusher/user-auth?user=ID` signs
 * users in; `refuse` makes both answer 403. `/` is a page with pusher-js and Echo loaded.
 */
export async function startBackend(sdk) {
  const backend = { refuse: false };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const user = url.searchParams.get('user') ?? 'anonymous';
    const json = (status, value) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/pusher/auth') {
      if (backend.refuse) return json(403, { error: 'refused' });
      const channel = form.get('channel_name');
      const socketId = form.get('socket_id');
      const member = channel.startsWith('presence-')
        ? { user_id: user, user_info: { name: `User ${user}` } } : undefined;
      return json(200, sdk.authorizeChannel(socketId, channel, member));
    }
    if (url.pathname === '/pusher/user-auth') {
      if (backend.refuse) return json(403, { error: 'refused' });
      return json(200, sdk.authenticateUser(form.get('socket_id'), { id: user, name: `User ${user}` }));
    }
    if (url.pathname === '/pusher.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(pusherJsWeb);
    }
    if (url.pathname === '/echo.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(echoIife);
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>pusher</title><script src="/pusher.js"></script>'
      + '<script src="/echo.js"></script>');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  backend.url = `http://127.0.0.1:${server.address().port}`;
  backend.close = () => new Promise((r) => server.close(r));
  return backend;
}
