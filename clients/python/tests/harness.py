"""Starts the real Herald server (server/target/herald.jar) for the tests, and listens to it as
a browser would over SSE (``/connection/sse`` + ``/connection/emulation``)."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import secrets
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[3]
JAR = Path(os.environ.get("HERALD_JAR", ROOT / "server" / "target" / "herald.jar"))


def java() -> str:
    home = os.environ.get("JAVA_HOME") or subprocess.check_output(
        [str(ROOT / "scripts" / "java-home.sh")], text=True).strip()
    return str(Path(home) / "bin" / "java")


def namespace(name: str, **extra: Any) -> Dict[str, Any]:
    """A namespace open to every client, with history and presence."""
    ns = {
        "name": name,
        "allowSubscribeForClient": True,
        "allowPublishForClient": True,
        "allowUserLimitedChannels": True,
        "allowHistoryForSubscriber": True,
        "allowPresenceForSubscriber": True,
        "historySize": 100,
        "historyTtl": "10m",
        "presence": True,
    }
    ns.update(extra)
    return ns


class Herald:
    """One server process on a free loopback port; ``close()`` ends it."""

    def __init__(self, *, rsa_public_key: Optional[str] = None,
                 namespaces: Optional[List[Dict[str, Any]]] = None,
                 api: Optional[Dict[str, Any]] = None,
                 extra: Optional[Dict[str, Any]] = None) -> None:
        if not JAR.exists():
            raise RuntimeError(f"{JAR} is missing: build it first (./mvnw -DskipTests package)")
        self.secret = secrets.token_hex(32)
        self.api_key = secrets.token_hex(16)
        self.dir = tempfile.TemporaryDirectory(prefix="herald-py-test-")
        token: Dict[str, Any] = {"hmacSecret": self.secret}
        if rsa_public_key:
            token["rsaPublicKey"] = rsa_public_key
        config = {
            "port": 0,
            "address": "127.0.0.1",
            "allowedOrigins": ["*"],
            "token": token,
            "api": {"key": self.api_key, **(api or {})},
            "client": {"allowAnonymous": True},
            "namespaces": namespaces if namespaces is not None else [
                namespace("h"), namespace("tasks"),
                namespace("plain", historySize=0, historyTtl="0s", presence=False)],
        }
        config.update(extra or {})
        path = Path(self.dir.name) / "herald.json"
        path.write_text(json.dumps(config))
        self.proc = subprocess.Popen(
            [java(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-jar", str(JAR),
             "serve", "--config", str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output: List[str] = []
        ready: "queue.Queue[int]" = queue.Queue()

        def pump() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                self.output.append(line)
                m = re.search(r"Herald listening on [^:\s]+:(\d+)", line)
                if m:
                    ready.put(int(m.group(1)))
            ready.put(-1)  # the process ended

        threading.Thread(target=pump, daemon=True).start()
        try:
            self.port = ready.get(timeout=60)
            if self.port < 0:
                raise queue.Empty
        except queue.Empty:
            self.close()
            raise RuntimeError("Herald did not start:\n" + "".join(self.output)) from None
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()  # nothing to drain: a graceful stop only costs the tests time
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.dir.cleanup()


class SseClient:
    """A Herald session over SSE: every JSON-RPC message it receives goes to ``messages``."""

    def __init__(self, herald: Herald, connect: Dict[str, Any]) -> None:
        self.herald = herald
        self.messages: "queue.Queue[Any]" = queue.Queue()
        self.ended = threading.Event()
        self.conn = http.client.HTTPConnection("127.0.0.1", herald.port, timeout=30)
        query = urllib.parse.urlencode({"connect": json.dumps(connect)})
        self.conn.request("GET", "/connection/sse?" + query,
                          headers={"Accept": "text/event-stream"})
        self.sock = self.conn.sock
        self.response = self.conn.getresponse()
        if self.response.status != 200:
            raise AssertionError(f"SSE answered {self.response.status}: {self.response.read()!r}")
        threading.Thread(target=self._read, daemon=True).start()
        self.connect_reply = self.next(lambda m: m.get("id") == 1)
        self.session = self.connect_reply.get("result", {}).get("session")
        self.next_id = 2

    def _read(self) -> None:
        data: List[str] = []
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\r\n")
                if line.startswith("data:"):
                    value = line[5:]
                    data.append(value[1:] if value.startswith(" ") else value)
                elif line == "" and data:
                    self.messages.put(json.loads("\n".join(data)))
                    data = []
        except (OSError, ValueError, AttributeError):
            pass  # closed by close(), or the stream broke: ended tells
        finally:
            self.ended.set()

    def next(self, match: Callable[[Any], bool], timeout: float = 10.0) -> Any:
        """The next message that ``match`` accepts (skipping others)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no matching message within %s s" % timeout)
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if match(message):
                return message

    def call(self, method: str, params: Dict[str, Any]) -> Any:
        """Sends a request by emulation POST and returns its answer."""
        request_id = self.next_id
        self.next_id += 1
        body = json.dumps({"session": self.session, "data": {
            "jsonrpc": "2.0", "id": request_id, "method": method, "params": params}})
        conn = http.client.HTTPConnection("127.0.0.1", self.herald.port, timeout=10)
        conn.request("POST", "/connection/emulation", body=body,
                     headers={"Content-Type": "application/json"})
        status = conn.getresponse().status
        conn.close()
        if status not in (202, 204):
            raise AssertionError(f"emulation POST answered {status}")
        return self.next(lambda m: m.get("id") == request_id)

    def publication(self, channel: str, timeout: float = 10.0) -> Any:
        return self.next(lambda m: m.get("method") == "publication"
                         and m["params"]["channel"] == channel, timeout)["params"]

    def close(self) -> None:
        """Drops the stream (the reader thread wakes up at once and ends)."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.ended.wait(5)
        self.conn.close()
