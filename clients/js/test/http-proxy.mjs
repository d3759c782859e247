// A hostile HTTP proxy in front of Herald, as some corporate networks have: it refuses every
// WebSocket upgrade (403) and, with `buffer`, holds each response back until it is complete (so a
// streamed SSE response never arrives, while long-polls do). It records every request it passed
// (`requests`: "GET /connection/sse", ...) and every refused upgrade (`upgrades`); `cut()` drops
// every open connection, as a network blip does, and `refuse` drops new ones (the network is down).
import http from 'node:http';

export async function startHttpProxy(targetPort, { buffer = false } = {}) {
  const sockets = new Set();
  const proxy = { requests: [], upgrades: 0, buffer, refuse: false };
  const server = http.createServer((req, res) => {
    proxy.requests.push(`${req.method} ${new URL(req.url, 'http://x').pathname}`);
    const upstream = http.request({
      host: '127.0.0.1',
      port: targetPort,
      method: req.method,
      path: req.url,
      headers: req.headers,
    }, (answer) => {
      if (!proxy.buffer) {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers = { ...answer.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode, headers);
        res.end(body);
      });
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req, socket) => {
    proxy.upgrades++;
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  server.on('connection', (socket) => {
    if (proxy.refuse) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  proxy.port = server.address().port;
  proxy.url = `ws://127.0.0.1:${proxy.port}/connection/websocket`;
  /** Drops every open connection (client side) at once. */
  proxy.cut = () => {
    for (const socket of [...sockets]) socket.destroy();
  };
  /** How many passed requests went to `path`. */
  proxy.count = (what) => proxy.requests.filter((r) => r === what).length;
  proxy.close = () => {
    proxy.cut();
    return new Promise((r) => server.close(r));
  };
  return proxy;
}
