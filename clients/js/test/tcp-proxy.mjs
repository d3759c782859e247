// A TCP proxy the tests control, to cut the network between a client and Herald: `cut()` drops
// every connection, `refuse` rejects new ones, `dropDownstream` swallows what the server sends
// (a half-open connection: the client hears nothing), `freeze` swallows both directions;
// `targetPort` may be changed to send new connections to another server.
import net from 'node:net';

export async function startProxy(targetPort) {
  const pairs = new Set();
  const proxy = { refuse: false, dropDownstream: false, freeze: false, connections: 0, targetPort };
  const server = net.createServer((client) => {
    if (proxy.refuse) {
      client.destroy();
      return;
    }
    proxy.connections++;
    const upstream = net.connect(proxy.targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('data', (d) => {
      if (!proxy.freeze) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!proxy.freeze && !proxy.dropDownstream) client.write(d);
    });
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  proxy.port = server.address().port;
  /** Drops every open connection at once (both sockets reset). */
  proxy.cut = () => {
    for (const { client, upstream } of [...pairs]) {
      client.resetAndDestroy?.() ?? client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  proxy.open = () => pairs.size;
  proxy.close = () => {
    proxy.cut();
    return new Promise((r) => server.close(r));
  };
  return proxy;
}
