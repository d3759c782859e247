"""The unidirectional endpoints (docs/uni.md) consumed the way a Python service or a shell does:
newline-delimited JSON with urllib and with ``curl -N``, and the event stream's ids resumed
with ``Last-Event-ID``."""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import threading
import unittest
import urllib.error
import urllib.request

from herald import Client, TokenMinter
from harness import Herald, namespace

server: Herald


def setUpModule() -> None:
    global server
    server = Herald(namespaces=[namespace("h")])


def tearDownModule() -> None:
    server.close()


class Lines:
    """Reads an answer's lines on a thread; ``next()`` returns them one by one."""

    def __init__(self, stream) -> None:
        self.lines: "queue.Queue[str]" = queue.Queue()
        self.stream = stream
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.stream:
                self.lines.put(raw.decode("utf-8").rstrip("\n"))
        except (OSError, ValueError, AttributeError):
            pass

    def next(self, timeout: float = 10.0) -> str:
        return self.lines.get(timeout=timeout)

    def json(self, skip_pings: bool = True) -> dict:
        while True:
            line = self.next()
            if line:
                message = json.loads(line)
                if not (skip_pings and message.get("type") == "ping"):
                    return message


def drop(response) -> None:
    """Closes a streamed answer at once (the reader thread is woken, not waited for)."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    response.close()


class UniTest(unittest.TestCase):

    def setUp(self) -> None:
        self.api = Client(server.url, api_key=server.api_key)
        self.token = TokenMinter(hmac_secret=server.secret).connection_token("ann")
        self.addCleanup(self.api.close)

    def open(self, path: str, headers=None):
        request = urllib.request.Request(server.url + path, headers=headers or {})
        response = urllib.request.urlopen(request, timeout=30)
        self.addCleanup(drop, response)
        return response

    def test_urllib_reads_the_stream_and_resumes_from_plain_positions(self) -> None:
        for n in range(1, 4):
            self.api.publish("h:py", {"n": n})
        response = self.open("/connection/uni/stream?channels=h:py&since=h:py:1",
                             {"Authorization": f"Bearer {self.token}"})
        self.assertTrue(response.headers["Content-Type"].startswith("application/x-ndjson"))
        lines = Lines(response)
        connected = lines.json()
        self.assertEqual((connected["type"], connected["user"]), ("connected", "ann"))
        self.assertEqual(lines.json(), {"channel": "h:py", "offset": 2, "data": {"n": 2}})
        self.assertEqual(lines.json(), {"channel": "h:py", "offset": 3, "data": {"n": 3}})
        self.api.publish("h:py", {"n": 4})
        self.assertEqual(lines.json()["offset"], 4)

    def test_curl_n_prints_each_message_as_it_comes(self) -> None:
        curl = subprocess.Popen(
            ["curl", "-sN", "-H", f"Authorization: Bearer {self.token}",
             f"{server.url}/connection/uni/stream?channels=h:curl"],
            stdout=subprocess.PIPE)
        self.addCleanup(curl.stdout.close)
        self.addCleanup(curl.wait)
        self.addCleanup(curl.kill)
        lines = Lines(curl.stdout)
        self.assertEqual(lines.json()["type"], "connected")
        for n in range(3):
            self.api.publish("h:curl", f"live {n}")
            self.assertEqual(lines.json()["data"], f"live {n}")

    def test_the_event_streams_last_id_resumes_exactly(self) -> None:
        path = f"/connection/uni/sse?channels=h:ev&token={self.token}"
        first = Lines(self.open(path))
        self.api.publish("h:ev", 1)
        last_id = None
        while True:
            line = first.next()
            if line.startswith("id: "):
                last_id = line[4:]
            if line.startswith("data: {\"channel\""):
                break
        self.assertRegex(last_id, r"^h:ev:1~[\w-]+$")
        drop(first.stream)
        self.api.publish("h:ev", 2)
        self.api.publish("h:ev", 3)
        resumed = Lines(self.open(path, {"Last-Event-ID": last_id}))
        data = []
        while len(data) < 2:
            line = resumed.next()
            if line.startswith("data: {\"channel\""):
                data.append(json.loads(line[6:])["data"])
        self.assertEqual(data, [2, 3])

    def test_refusals_are_http_statuses(self) -> None:
        for query, status, code in (("channels=nope:x", 404, 3520),
                                    ("channels=h:a&since=h:a:x", 400, 3523),
                                    ("channels=h:a&token=bad", 401, 3500)):
            with self.assertRaises(urllib.error.HTTPError) as e:
                self.open(f"/connection/uni/stream?{query}")
            self.assertEqual(e.exception.code, status)
            self.assertEqual(json.loads(e.exception.read())["code"], code)
            e.exception.close()


if __name__ == "__main__":
    unittest.main()
