// Herald admin UI: plain JavaScript, no dependencies. Talks to /admin/* over HTTP (session
// cookie) and to Herald's own WebSocket for live stats and channel tails.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const NODE_TIMEOUT_MS = 5000;
  const nodes = new Map();
  let session = null;
  let ws = null;
  let nextId = 1;
  let pollTimer = null;
  let tailing = null;

  async function http(path, body) {
    const init = { credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      init.method = 'POST';
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-Herald-Admin'] = '1';
      init.body = JSON.stringify(body);
    }
    const res = await fetch('/admin/' + path, init);
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    return { status: res.status, json: json || {} };
  }

  function show(view) {
    $('login').hidden = view !== 'login';
    $('app').hidden = view !== 'app';
    $('logout').hidden = view !== 'app';
  }

  function live(text, ok) {
    $('live').textContent = text;
    $('live').className = ok ? 'pill live' : 'pill';
  }

  async function start() {
    const res = await http('session');
    if (res.status !== 200) {
      show('login');
      $('password').focus();
      return;
    }
    session = res.json;
    show('app');
    if (session.token) {
      connect();
    } else {
      live('polling (no token.hmacSecret for a WebSocket)', false);
      poll();
    }
  }

  // --- WebSocket: the admin's own Herald connection ---------------------------------------
  function connect() {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + session.websocket;
    ws = new WebSocket(url);
    ws.onopen = () => send({ id: nextId++, method: 'connect', params: { token: session.token, name: 'herald-admin' } });
    ws.onmessage = (event) => [].concat(JSON.parse(event.data)).forEach(onMessage);
    ws.onclose = () => {
      live('offline', false);
      ws = null;
      if (session) {
        setTimeout(async () => {
          const res = await http('session');
          if (res.status === 200) { session = res.json; connect(); } else { session = null; show('login'); }
        }, 2000);
      }
    };
  }

  function send(msg) {
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(Object.assign({ jsonrpc: '2.0' }, msg)));
    }
  }

  function onMessage(msg) {
    if (msg.result && msg.result.client) {
      live('live', true);
      if (tailing) http('tail', { channel: tailing });
    } else if (msg.method === 'ping') {
      send({ method: 'pong' });
    } else if (msg.method === 'publication') {
      const p = msg.params;
      if (p.channel === session.channel) {
        stats(p.data);
      } else if (p.channel === tailing) {
        line($('cv-tail'), JSON.stringify(p.data) + (p.info ? '  from ' + p.info.user : ''));
      }
    }
  }

  async function poll() {
    const res = await http('stats');
    if (res.status === 200) stats(res.json);
    pollTimer = setTimeout(poll, 2000);
  }

  // --- Overview ---------------------------------------------------------------------------
  function stats(s) {
    s.seen = Date.now();
    nodes.set(s.node, s);
    for (const [id, n] of nodes) if (Date.now() - n.seen > NODE_TIMEOUT_MS) nodes.delete(id);
    const all = [...nodes.values()];
    const sum = (f) => all.reduce((a, n) => a + f(n), 0);
    $('sum-nodes').textContent = all.length;
    $('sum-clients').textContent = sum((n) => n.clients);
    $('sum-users').textContent = sum((n) => n.users);
    $('sum-channels').textContent = sum((n) => n.channels);
    $('sum-pubs').textContent = round(sum((n) => n.rates.publications));
    $('sum-deliveries').textContent = round(sum((n) => n.rates.deliveries));
    const body = $('nodes');
    body.replaceChildren(...all.map((n) => row([
      n.name, n.version, duration(n.uptime), n.clients, n.users, n.channels, n.subscriptions,
      round(n.rates.received), round(n.rates.sent), n.ready ? 'yes' : (n.draining ? 'draining' : 'no'),
    ])));
    const hooks = all.flatMap((n) => (n.webhooks || []).map((w) => [n.name, w]));
    $('webhooks').hidden = hooks.length === 0;
    $('webhook-list').replaceChildren(...hooks.map(([name, w]) => row([
      name, w.id, w.url, w.depth < 0 ? '?' : w.depth, duration(Math.round(w.oldestSeconds)),
      w.delivered, w.failed, w.retries, w.dropped,
    ])));
  }

  const round = (x) => Math.round(x * 10) / 10;
  function duration(s) {
    if (s < 120) return s + 's';
    if (s < 7200) return Math.floor(s / 60) + 'm';
    return Math.floor(s / 3600) + 'h';
  }

  function row(cells) {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = String(c);
      tr.appendChild(td);
    }
    return tr;
  }

  function line(list, text) {
    const li = document.createElement('li');
    li.textContent = new Date().toLocaleTimeString() + '  ' + text;
    list.prepend(li);
    while (list.children.length > 200) list.lastChild.remove();
  }

  // --- Channels ---------------------------------------------------------------------------
  async function search() {
    let q = $('search').value.trim();
    if (q && !/[*?]/.test(q)) q = '*' + q + '*';
    const res = await http('api/channels', q ? { pattern: q } : {});
    const channels = (res.json.result && res.json.result.channels) || {};
    const names = Object.keys(channels).filter((c) => c !== session.channel);
    const body = $('channel-list');
    body.replaceChildren(...names.map((name) => {
      const tr = row([name, channels[name].numClients]);
      tr.className = 'link';
      tr.onclick = () => openChannel(name);
      return tr;
    }));
    if (!names.length) body.replaceChildren(row(['no channel with subscribers matches', '']));
  }

  async function openChannel(name) {
    if (tailing && tailing !== name) await http('untail', { channel: tailing });
    tailing = name;
    $('channel-view').hidden = false;
    $('cv-name').textContent = name;
    $('cv-tail').replaceChildren();
    await http('tail', { channel: name });
    presence(name);
    history(name);
  }

  // Presence and history answer 404 on a server without those API methods, and error 108
  // when the channel's namespace keeps none.
  function unavailable(res, what) {
    if (res.status === 404) return 'this server has no ' + what + ' API';
    const e = res.json.error;
    if (e && e.code === 108) return 'this namespace keeps no ' + what;
    if (e) return 'error ' + e.code + ': ' + e.message;
    return null;
  }

  async function presence(name) {
    const res = await http('api/presence', { channel: name });
    const box = $('cv-presence');
    const why = unavailable(res, 'presence');
    if (why) { box.textContent = why; return; }
    const clients = (res.json.result && res.json.result.clients) || {};
    const ids = Object.keys(clients);
    box.replaceChildren(...ids.map((id) => {
      const div = document.createElement('div');
      div.textContent = clients[id].user + '  (' + id + ')';
      return div;
    }));
    if (!ids.length) box.textContent = 'nobody';
  }

  async function history(name) {
    const res = await http('api/history', { channel: name, limit: 20, reverse: true });
    const list = $('cv-history');
    list.replaceChildren();
    const why = unavailable(res, 'history');
    if (why) { list.textContent = why; return; }
    const pubs = (res.json.result && res.json.result.publications) || [];
    for (const p of pubs) {
      const li = document.createElement('li');
      li.textContent = (p.offset !== undefined ? '#' + p.offset + '  ' : '') + JSON.stringify(p.data);
      list.appendChild(li);
    }
    if (!pubs.length) list.textContent = 'empty';
  }

  // --- Forms ------------------------------------------------------------------------------
  function form(id, build, method) {
    $(id).addEventListener('submit', async (event) => {
      event.preventDefault();
      const out = $(id).querySelector('.result');
      let params;
      try { params = build(); } catch (e) { out.textContent = e.message; out.className = 'result bad'; return; }
      const res = await http('api/' + method, params);
      const e = res.json.error;
      out.textContent = e ? 'error ' + (e.code || res.status) + ': ' + (e.message || e) : 'done';
      out.className = e ? 'result bad' : 'result';
    });
  }

  function json(text) {
    try { return JSON.parse(text); } catch (e) { throw new Error('data is not valid JSON'); }
  }

  form('publish-form', () => ({ channel: $('pub-channel').value.trim(), data: json($('pub-data').value) }), 'publish');
  form('cv-publish', () => ({ channel: tailing, data: json($('cv-data').value) }), 'publish');
  form('disconnect-form', () => {
    const p = { user: $('dc-user').value.trim() };
    if ($('dc-client').value.trim()) p.client = $('dc-client').value.trim();
    return p;
  }, 'disconnect');
  form('unsubscribe-form', () => ({ user: $('us-user').value.trim(), channel: $('us-channel').value.trim() }), 'unsubscribe');

  $('search-form').addEventListener('submit', (event) => { event.preventDefault(); search(); });

  document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => {
    document.querySelectorAll('nav button').forEach((x) => x.classList.toggle('active', x === b));
    document.querySelectorAll('.tab').forEach((t) => { t.hidden = t.id !== b.dataset.tab; });
    if (b.dataset.tab === 'channels') search();
  }));

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const res = await http('login', { password: $('password').value });
    if (res.status === 200) {
      $('password').value = '';
      $('login-error').textContent = '';
      start();
    } else {
      $('login-error').textContent = res.json.error || ('login failed (' + res.status + ')');
    }
  });

  $('logout').addEventListener('click', async () => {
    await http('logout', {});
    session = null;
    tailing = null;
    clearTimeout(pollTimer);
    if (ws) ws.close();
    show('login');
  });

  start();
})();
