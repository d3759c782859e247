// Herald demo page: a task list synced across devices, a chat room with presence and a typing
// indicator, a connection badge, and an answer streamed from the backend over rpc. Everything
// goes through the TypeScript SDK (herald-realtime), served by Herald at /sdk/herald.js.
let Herald;
try {
  ({ Herald } = await import('../sdk/herald.js'));
} catch (error) {
  document.getElementById('sdk-missing').hidden = false;
  throw error;
}

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const token = params.get('token') ?? document.querySelector('meta[name="herald-token"]').content;
const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
const h = new Herald(`${scheme}${location.host}/connection/websocket`, { token: token || undefined, name: 'herald-demo' });
window.herald = h; // for the console (and the browser tests)

// ---- connection badge ----
function badge(state, detail = '') {
  $('badge').className = `badge ${state}`;
  $('badge').textContent = detail ? `${state} (${detail})` : state;
  $('toggle').textContent = state === 'disconnected' ? 'Go online' : 'Go offline';
}
h.on('connecting', (ctx) => badge('connecting', ctx.code ? `${ctx.code} ${ctx.reason}` : ''));
h.on('connected', (ctx) => {
  badge('connected', ctx.transport);
  $('who').textContent = `as ${ctx.user || 'anonymous'}`;
});
h.on('disconnected', (ctx) => badge('disconnected', ctx.code ? `${ctx.code} ${ctx.reason}` : ''));
h.on('error', (e) => console.warn('herald', e.type, e.error));
$('toggle').onclick = () => (h.state === 'disconnected' ? h.connect() : h.disconnect());

// ---- identity: user from the token, a name per browser tab ----
const user = userOf(token);
const nick = sessionStorage.getItem('herald-demo-nick') ?? `Guest ${Math.floor(Math.random() * 900 + 100)}`;
$('nick').value = nick;
$('nick').onchange = () => sessionStorage.setItem('herald-demo-nick', $('nick').value.trim() || nick);
const myName = () => $('nick').value.trim() || nick;

// ---- tasks: every change is a publication; the state is rebuilt from history when needed ----
// The channel is limited to the token's user (tasks:list#42): only that user's devices see it.
const tasksChannel = user ? `tasks:list#${user}` : 'tasks:list';
$('tasks-channel').textContent = tasksChannel;
const tasks = new Map(); // id -> {text, done}
let applied = 0; // offset of the last change applied
let reloading = null; // changes that arrive while history loads

function apply(p) {
  if (p.offset !== undefined) {
    if (p.offset <= applied) return;
    applied = p.offset;
  }
  const op = p.data ?? {};
  if (op.op === 'add') tasks.set(op.id, { text: String(op.text), done: false });
  else if (op.op === 'done' && tasks.has(op.id)) tasks.get(op.id).done = !!op.done;
  else if (op.op === 'remove') tasks.delete(op.id);
}

async function reloadTasks() {
  reloading = [];
  try {
    const hist = await h.history(tasksChannel, { limit: 1000 });
    tasks.clear();
    applied = 0;
    for (const p of hist.publications) apply(p);
    $('tasks-note').textContent = `${hist.publications.length} changes loaded from history`;
  } catch (error) {
    $('tasks-note').textContent = `could not load history: ${error.message}`;
  } finally {
    for (const p of reloading) apply(p);
    reloading = null;
    renderTasks();
  }
}

const tasksSub = h.subscribe(tasksChannel, { recover: true });
tasksSub.on('subscribed', (ctx) => {
  if (ctx.wasRecovering && ctx.recovered) {
    $('tasks-note').textContent = 'reconnected: every missed change recovered';
  } else {
    void reloadTasks();
  }
});
tasksSub.on('publication', (p) => {
  if (reloading) reloading.push(p);
  else {
    apply(p);
    renderTasks();
  }
});

function renderTasks() {
  const list = $('tasks');
  list.replaceChildren();
  for (const [id, task] of tasks) {
    const li = document.createElement('li');
    li.className = task.done ? 'done' : '';
    li.dataset.id = id;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = task.done;
    box.onchange = () => h.publish(tasksChannel, { op: 'done', id, done: box.checked });
    const text = document.createElement('span');
    text.textContent = task.text;
    const remove = document.createElement('button');
    remove.textContent = '✕';
    remove.title = 'remove';
    remove.onclick = () => h.publish(tasksChannel, { op: 'remove', id });
    li.append(box, text, remove);
    list.append(li);
  }
}

$('task-form').onsubmit = (event) => {
  event.preventDefault();
  const text = $('task-text').value.trim();
  if (!text) return;
  $('task-text').value = '';
  // Offline, the publish waits in the SDK's queue and goes out after reconnecting.
  h.publish(tasksChannel, { op: 'add', id: crypto.getRandomValues(new Uint32Array(2)).join('-'), text })
    .catch((error) => ($('tasks-note').textContent = `not saved: ${error.message}`));
};

// ---- chat: messages with history, presence, join/leave, typing ----
const chat = h.subscribe('chat:lobby', { recover: true, joinLeave: true });
const typingChannel = 'lobby-typing';
const typing = h.subscribe(typingChannel);
const typers = new Map(); // name -> timeout

function addMessage(text, who, system = false) {
  const li = document.createElement('li');
  if (system) li.className = 'system';
  if (who) {
    const b = document.createElement('b');
    b.textContent = who;
    li.append(b);
  }
  li.append(document.createTextNode(text));
  $('messages').append(li);
  $('messages').scrollTop = $('messages').scrollHeight;
}

chat.on('subscribed', async (ctx) => {
  void refreshPresence();
  if (ctx.wasRecovering && ctx.recovered) return;
  $('messages').replaceChildren();
  try {
    const hist = await h.history('chat:lobby', { limit: 30, reverse: true });
    for (const p of hist.publications.reverse()) addMessage(p.data.text, p.data.name);
  } catch (error) {
    addMessage(`history unavailable: ${error.message}`, '', true);
  }
});
chat.on('publication', (p) => {
  addMessage(String(p.data.text), String(p.data.name));
  clearTyping(p.data.name);
});
chat.on('join', (ctx) => {
  void refreshPresence();
  if (ctx.info.client !== h.client) addMessage('a device joined', '', true);
});
chat.on('leave', (ctx) => {
  void refreshPresence();
  if (ctx.info.client !== h.client) addMessage('a device left', '', true);
});

async function refreshPresence() {
  try {
    const stats = await h.presenceStats('chat:lobby');
    $('presence').textContent = `${stats.numClients} online (${stats.numUsers} users)`;
  } catch (error) {
    $('presence').textContent = `presence unavailable: ${error.message}`;
  }
}

$('chat-form').onsubmit = (event) => {
  event.preventDefault();
  const text = $('chat-text').value.trim();
  if (!text) return;
  $('chat-text').value = '';
  h.publish('chat:lobby', { name: myName(), text }).catch((error) => addMessage(`not sent: ${error.message}`, '', true));
};

let lastTypingSent = 0;
$('chat-text').oninput = () => {
  if (h.state !== 'connected' || Date.now() - lastTypingSent < 2000) return;
  lastTypingSent = Date.now();
  h.publish(typingChannel, { name: myName() }).catch(() => {});
};
typing.on('publication', (p) => {
  if (p.info?.client === h.client) return;
  const name = String(p.data.name);
  clearTimeout(typers.get(name));
  typers.set(name, setTimeout(() => clearTyping(name), 3000));
  renderTyping();
});
function clearTyping(name) {
  clearTimeout(typers.get(name));
  if (typers.delete(name)) renderTyping();
}
function renderTyping() {
  const names = [...typers.keys()];
  $('typing').textContent = names.length ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…` : '\u00a0';
}

// ---- the assistant: an rpc whose answer streams in chunk by chunk ----
let asking = null;
$('ai-form').onsubmit = async (event) => {
  event.preventDefault();
  const question = $('ai-question').value.trim();
  if (!question || asking) return;
  asking = new AbortController();
  $('ai-answer').textContent = '';
  $('ai-cancel').hidden = false;
  try {
    const result = await h.rpc('ask', { question }, { signal: asking.signal, onChunk: (c) => ($('ai-answer').textContent += chunkText(c)) });
    if (result.data !== undefined) $('ai-answer').textContent += chunkText(result.data);
  } catch (error) {
    const unavailable = error.code === -32601 || error.code === 108 || (error.code >= 113 && error.code <= 119);
    $('ai-answer').textContent = unavailable
      ? `The assistant is not connected (${error.code}: ${error.message}). Run examples/ai-backend and configure Herald's proxy for it (docs/proxy.md).`
      : `Stopped: ${error.message}`;
  } finally {
    asking = null;
    $('ai-cancel').hidden = true;
  }
};
$('ai-cancel').onclick = () => asking?.abort();

function chunkText(c) {
  if (typeof c === 'string') return c;
  return c?.text ?? c?.token ?? c?.delta ?? c?.answer ?? JSON.stringify(c);
}

function userOf(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub ?? '';
  } catch {
    return '';
  }
}

h.connect();
