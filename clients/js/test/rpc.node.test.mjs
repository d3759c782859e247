// The SDK's side of streaming rpc, against a scripted WebSocket peer that speaks the wire format
// of docs/proxy.md (rpc, stream notifications, the final {chunks: N} or {data}, cancel). The
// server's own rpc proxy is tested in the server module; this pins what the SDK sends and how it
// hands chunks over.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket, { WebSocketServer } from 'ws';
import { Herald, HeraldError } from '../dist/herald.js';

let wss;
let url;
const cancels = [];

before(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  url = `ws://127.0.0.1:${wss.address().port}/connection/websocket`;
  wss.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      const reply = (result) => socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }));
      if (m.method === 'connect') reply({ client: 'c1', user: 'u', ping: 25, pong: true });
      else if (m.method === 'cancel') cancels.push(m.params.id);
      else if (m.method === 'rpc' && m.params.method === 'ask') {
        const words = ['Herald ', 'streams ', 'answers.'];
        words.forEach((token, seq) =>
          socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'stream', params: { id: m.id, seq, data: { token } } })));
        reply({ chunks: words.length });
      } else if (m.method === 'rpc' && m.params.method === 'weather') {
        reply({ data: { tempC: -3, asked: m.params.data } });
      } else if (m.method === 'rpc' && m.params.method === 'slow') {
        socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'stream', params: { id: m.id, seq: 0, data: 'first' } }));
      }
    });
  });
});

after(() => new Promise((r) => wss.close(r)));

test('streamed chunks arrive in order before the result; a plain answer resolves with data', async () => {
  const h = new Herald(url, { websocket: WebSocket });
  h.connect();
  const chunks = [];
  const r = await h.rpc('ask', { question: 'what?' }, { onChunk: (c, seq) => chunks.push([seq, c.token]) });
  assert.deepEqual(r, { chunks: 3 });
  assert.deepEqual(chunks, [[0, 'Herald '], [1, 'streams '], [2, 'answers.']]);
  assert.deepEqual(await h.rpc('weather', { city: 'Oslo' }), { data: { tempC: -3, asked: { city: 'Oslo' } } });
  h.disconnect();
});

test('aborting an rpc sends cancel with its id and rejects with CANCELLED', async () => {
  const h = new Herald(url, { websocket: WebSocket });
  h.connect();
  const controller = new AbortController();
  const got = [];
  const call = h.rpc('slow', null, {
    signal: controller.signal,
    onChunk: (c) => {
      got.push(c);
      controller.abort();
    },
  });
  await assert.rejects(call, (e) => e instanceof HeraldError && e.code === HeraldError.CANCELLED);
  assert.deepEqual(got, ['first']);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(cancels.length, 1);
  assert.equal(typeof cancels[0], 'number');
  h.disconnect();
});
