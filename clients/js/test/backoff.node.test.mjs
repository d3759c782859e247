// Reconnect timing, driven by a fake clock: real sockets to a closed port fail at once, and only
// the fake clock decides when the next attempt starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import WebSocket from 'ws';
import { Backoff, Herald, shouldReconnect } from '../dist/herald.js';
import { FakeClock } from './fake-clock.mjs';
import { until } from './harness.mjs';

test('full jitter: attempt n waits random * min(max, min * 2^n)', () => {
  const b = new Backoff(500, 20_000, () => 0.5);
  assert.deepEqual(Array.from({ length: 9 }, () => b.next()), [250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  b.reset();
  assert.equal(b.next(), 250);
  const zero = new Backoff(500, 20_000, () => 0);
  assert.equal(zero.next(), 0);
  const top = new Backoff(500, 20_000, () => 0.999999);
  for (let i = 0; i < 10; i++) top.next();
  assert.equal(top.next(), 19_999);
  assert.throws(() => new Backoff(0, 10), RangeError);
  assert.throws(() => new Backoff(100, 10), RangeError);
});

test('close codes: 3500-3999 and 4500-4999 stay away, dropped connections come back', () => {
  for (const code of [1000, 1001, 1006, 1009, 3000, 3001, 3005, 3012, 4000, 4499]) assert.equal(shouldReconnect(code), true, code);
  for (const code of [1002, 1003, 1007, 3500, 3503, 3999, 4500, 4999]) assert.equal(shouldReconnect(code), false, code);
});

test('reconnect attempts follow the backoff on the injected clock', async () => {
  // A port nobody listens on: every connection attempt is refused.
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const clock = new FakeClock();
  let opened = 0;
  class CountingWebSocket extends WebSocket {
    constructor(url) {
      super(url);
      opened++;
    }
  }
  const h = new Herald(`ws://127.0.0.1:${port}/connection/websocket`, {
    websocket: CountingWebSocket, clock, random: () => 0.5, minReconnectDelay: 1000, maxReconnectDelay: 8000,
  });
  h.connect();
  const expected = [500, 1000, 2000, 4000, 4000, 4000];
  for (let i = 0; i < expected.length; i++) {
    await until(() => h.lastReconnectDelay === expected[i] && clock.pending().includes(expected[i]), 5000, `attempt ${i + 1} to fail`);
    assert.equal(opened, i + 1);
    clock.advance(expected[i] - 1);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(opened, i + 1, `attempt ${i + 2} started before its delay`);
    clock.advance(1);
    assert.equal(opened, i + 2, `attempt ${i + 2} did not start after ${expected[i]} ms`);
    assert.equal(h.state, 'connecting');
  }
  h.disconnect();
  assert.equal(h.state, 'disconnected');
  assert.deepEqual(clock.pending().filter((ms) => expected.includes(ms)), []);
});
