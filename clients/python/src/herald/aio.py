"""The asyncio client of the server API: the same methods as :class:`herald.Client`, each a
coroutine, over keep-alive HTTP/1.1 connections of its own (standard library only)."""

from __future__ import annotations

import asyncio
import ssl
from typing import Any, List, Optional, Tuple
from urllib.parse import urlsplit

from . import __version__
from ._methods import ApiMethods
from .commands import Command, raw, read_answer
from .errors import TransportError

__all__ = ["AsyncClient"]

_MAX_HEADER_LINES = 100


class AsyncClient(ApiMethods):
    """Calls ``POST <url>/api/<method>`` with ``X-API-Key: <api_key>``; every method returns a
    coroutine. Use it from one event loop. Keeps up to ``max_connections`` idle keep-alive
    connections; concurrent calls open more as needed. A request that fails because the server
    closed an idle connection is sent once more on a new one.

    :param url: the server, e.g. ``http://localhost:8000``
    :param api_key: the server's ``api.key``
    :param timeout: seconds for each call (connect, send, answer)
    :param max_connections: idle connections kept for reuse
    """

    def __init__(self, url: str, api_key: str, *, timeout: float = 10.0,
                 max_connections: int = 8, ssl_context: Optional[ssl.SSLContext] = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url must be http(s)://host[:port], not {url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._base = parts.path.rstrip("/")
        self._api_key = api_key
        self._timeout = timeout
        self._max_idle = max_connections
        self._ssl = ssl_context
        self._idle: List[Tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def run(self, command: Command) -> Any:
        """Sends ``command`` and returns its typed result."""
        status, content_type, body = await self._post(f"{self._base}/api/{command.method}",
                                                      command.body())
        return command.decode(read_answer(status, content_type, body))

    async def call(self, method: str, params: Optional[dict] = None) -> Any:
        """Calls any method; returns its ``result`` as decoded JSON."""
        return await self.run(raw(method, params))

    async def close(self) -> None:
        """Closes the idle connections."""
        idle, self._idle = self._idle, []
        for _, writer in idle:
            writer.close()
        for _, writer in idle:
            try:
                await writer.wait_closed()
            except OSError:
                pass

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _post(self, path: str, body: bytes) -> Tuple[int, str, bytes]:
        for attempt in (1, 2):
            reused = bool(self._idle)
            try:
                return await asyncio.wait_for(self._exchange(path, body), self._timeout)
            except (ConnectionResetError, BrokenPipeError, asyncio.IncompleteReadError,
                    _Closed) as e:
                if not (reused and attempt == 1):
                    raise TransportError(f"POST {path}: {e!r}") from e
            except asyncio.TimeoutError as e:
                raise TransportError(f"POST {path}: no answer within {self._timeout} s") from e
            except OSError as e:
                raise TransportError(f"POST {path}: {e}") from e
        raise AssertionError("unreachable")

    async def _exchange(self, path: str, body: bytes) -> Tuple[int, str, bytes]:
        if self._idle:
            reader, writer = self._idle.pop()
        else:
            reader, writer = await asyncio.open_connection(
                self._host, self._port,
                ssl=(self._ssl or ssl.create_default_context()) if self._https else None)
        keep = False
        try:
            head = (f"POST {path} HTTP/1.1\r\nHost: {self._host}:{self._port}\r\n"
                    f"Content-Type: application/json\r\nX-API-Key: {self._api_key}\r\n"
                    f"User-Agent: herald-python/{__version__}\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n")
            writer.write(head.encode("latin-1") + body)
            await writer.drain()
            status, headers = await _read_head(reader)
            data = await _read_body(reader, headers)
            keep = headers.get("connection", "").lower() != "close"
            return status, headers.get("content-type", ""), data
        finally:
            if keep and len(self._idle) < self._max_idle:
                self._idle.append((reader, writer))
            else:
                writer.close()


class _Closed(Exception):
    """The server closed the connection before answering."""


async def _read_head(reader: asyncio.StreamReader) -> Tuple[int, dict]:
    line = await reader.readline()
    if not line:
        raise _Closed("connection closed")
    parts = line.decode("latin-1").split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise TransportError(f"not an HTTP answer: {line[:100]!r}")
    headers = {}
    for _ in range(_MAX_HEADER_LINES):
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            return int(parts[1]), headers
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    raise TransportError("too many header lines")


async def _read_body(reader: asyncio.StreamReader, headers: dict) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"]))
    headers["connection"] = "close"
    return await reader.read()
