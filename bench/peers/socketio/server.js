// Socket.IO 4 peer for herald-bench: a minimal room broadcast, WebSocket transport only.
//   node server.js --port N
// Client events: "sub" (room, ack) joins the room and acks; "pub" (room, data) emits "m" (data)
// to the room. Backends: POST /publish/<room> with a JSON body emits "m" to the room.
// Listens on 127.0.0.1 only.
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 3000;

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url.startsWith('/publish/')) {
    const room = decodeURIComponent(req.url.slice('/publish/'.length));
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let data;
      try {
        data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        res.writeHead(400).end('{"error":"bad json"}');
        return;
      }
      io.to(room).emit('m', data);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"result":{}}');
    });
  } else if (req.url === '/health') {
    res.writeHead(200).end('ok');
  } else {
    res.writeHead(404).end();
  }
});
server.keepAliveTimeout = 60000;

const io = new Server(server, {
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  maxHttpBufferSize: 1e6,
});

io.on('connection', (socket) => {
  socket.on('sub', (room, ack) => {
    socket.join(room);
    if (typeof ack === 'function') ack();
  });
  socket.on('pub', (room, data) => {
    io.to(room).emit('m', data);
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`socket.io peer listening on 127.0.0.1:${port} (node ${process.version})`);
});
process.on('SIGTERM', () => process.exit(0));
