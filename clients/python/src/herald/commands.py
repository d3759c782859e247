"""The server API's methods as values: what to send and how to read the answer.

Each function returns a :class:`Command`; the clients run one at a time
(``client.publish(...)`` is ``client.run(commands.publish(...))``) or several in one request with
``client.batch([...])``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from .errors import ApiError, TransportError, error_for
from .types import (ChannelInfo, ClientInfo, HistoryResult, InfoResult, PresenceStats,
                    PublishResult, StreamPosition)

__all__ = [
    "Command",
    "publish",
    "broadcast",
    "subscribe",
    "unsubscribe",
    "disconnect",
    "history",
    "history_remove",
    "presence",
    "presence_stats",
    "channels",
    "info",
    "raw",
]


@dataclass(frozen=True)
class Command:
    """One call of the server API: ``POST /api/<method>`` with ``params``; ``decode`` turns the
    JSON ``result`` into the typed value the client returns."""

    method: str
    params: Dict[str, Any]
    decode: Callable[[Any], Any]

    def body(self) -> bytes:
        """The request body: compact JSON, UTF-8."""
        return encode(self.params)


def encode(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def _none(_: Any) -> None:
    return None


def _identity(value: Any) -> Any:
    return value


def _with(params: Dict[str, Any], **optional: Any) -> Dict[str, Any]:
    for name, value in optional.items():
        if value is not None:
            params[name] = value
    return params


def _broadcast(value: Any) -> List[Union[PublishResult, ApiError]]:
    out: List[Union[PublishResult, ApiError]] = []
    for element in value["responses"]:
        if "error" in element:
            out.append(error_for(element["error"]["code"], element["error"]["message"]))
        else:
            out.append(PublishResult.from_json(element["result"]))
    return out


def _presence(value: Any) -> Dict[str, ClientInfo]:
    return {cid: ClientInfo.from_json(c) for cid, c in value["clients"].items()}


def _channels(value: Any) -> Dict[str, ChannelInfo]:
    return {name: ChannelInfo(c["numClients"]) for name, c in value["channels"].items()}


def publish(channel: str, data: Any, *, idempotency_key: Optional[str] = None,
            event: Optional[str] = None) -> Command:
    """Publishes ``data`` (any JSON value) to ``channel``. A retry with the same
    ``idempotency_key`` within the namespace's ``idempotencyWindow`` publishes nothing and
    answers the first result. ``event`` is an event name carried with the publication.
    Returns :class:`PublishResult`."""
    return Command("publish", _with({"channel": channel, "data": data},
                                    idempotencyKey=idempotency_key, event=event),
                   PublishResult.from_json)


def broadcast(channels: Sequence[str], data: Any, *,
              idempotency_key: Optional[str] = None, event: Optional[str] = None) -> Command:
    """Publishes ``data`` to each of ``channels`` (at most 1000) on its own. Returns one element
    per channel, in order: :class:`PublishResult` or the channel's :class:`ApiError`."""
    return Command("broadcast", _with({"channels": list(channels), "data": data},
                                      idempotencyKey=idempotency_key, event=event), _broadcast)


def subscribe(user: str, channel: str) -> Command:
    """Subscribes every connection of ``user`` (``""``: the anonymous ones) to ``channel``,
    server-side, on every node. Returns None."""
    return Command("subscribe", {"user": user, "channel": channel}, _none)


def unsubscribe(user: str, channel: str) -> Command:
    """Unsubscribes every connection of ``user`` from ``channel``. Returns None."""
    return Command("unsubscribe", {"user": user, "channel": channel}, _none)


def disconnect(user: str, *, client: Optional[str] = None, code: Optional[int] = None,
               reason: Optional[str] = None) -> Command:
    """Closes the connections of ``user`` (or only ``client``) with ``code`` (3000-4999; default
    3503, do not reconnect) and ``reason`` (at most 123 bytes of UTF-8). Returns None."""
    return Command("disconnect", _with({"user": user}, client=client, code=code, reason=reason),
                   _none)


def history(channel: str, *, limit: Optional[int] = None,
            since: Optional[StreamPosition] = None, reverse: bool = False) -> Command:
    """Reads ``channel``'s kept publications: at most ``limit`` (None: all; 0: only the
    position), after ``since`` (before it with ``reverse``), newest first with ``reverse``.
    Returns :class:`HistoryResult`."""
    params = _with({"channel": channel}, limit=limit,
                   since=since.to_json() if since is not None else None)
    if reverse:
        params["reverse"] = True
    return Command("history", params, HistoryResult.from_json)


def history_remove(channel: str) -> Command:
    """Drops ``channel``'s kept publications (its epoch and top offset stay). Returns None."""
    return Command("historyRemove", {"channel": channel}, _none)


def presence(channel: str) -> Command:
    """Who is subscribed to ``channel``: :class:`ClientInfo` by client id."""
    return Command("presence", {"channel": channel}, _presence)


def presence_stats(channel: str) -> Command:
    """How many connections and users are subscribed to ``channel``: :class:`PresenceStats`."""
    return Command("presenceStats", {"channel": channel}, PresenceStats.from_json)


def channels(pattern: Optional[str] = None) -> Command:
    """The channels with subscribers on the answering node, matching the glob ``pattern``
    (``*`` any run, ``?`` one character): :class:`ChannelInfo` by name, sorted."""
    return Command("channels", _with({}, pattern=pattern), _channels)


def info() -> Command:
    """The counters of every live node: :class:`InfoResult`."""
    return Command("info", {}, InfoResult.from_json)


def raw(method: str, params: Optional[Dict[str, Any]] = None) -> Command:
    """Any method, its result returned as decoded JSON (for methods newer than this package)."""
    return Command(method, dict(params or {}), _identity)


def batch_command(commands: Sequence[Command]) -> Command:
    """``batch``: runs ``commands`` in order in one request; returns one element per command,
    its typed result or its :class:`ApiError`."""
    commands = list(commands)

    def decode(value: Any) -> List[Any]:
        out: List[Any] = []
        for command, reply in zip(commands, value["replies"]):
            if "error" in reply:
                out.append(error_for(reply["error"]["code"], reply["error"]["message"]))
            else:
                out.append(command.decode(reply["result"]))
        return out

    return Command("batch", {"commands": [{"method": c.method, "params": c.params}
                                          for c in commands]}, decode)


def read_answer(status: int, content_type: str, body: bytes) -> Any:
    """The ``result`` of an API answer, or raises its :class:`ApiError` (or
    :class:`TransportError` for an answer that is not the API's)."""
    if status == 413:
        raise error_for(413, body.decode("utf-8", "replace").strip()
                        or "request body too large", 413)
    if "json" in content_type:
        try:
            value = json.loads(body)
        except ValueError:
            raise TransportError(f"HTTP {status}: the answer is not JSON", status) from None
        if isinstance(value, dict):
            if "error" in value and isinstance(value["error"], dict):
                return_error = value["error"]
                raise error_for(return_error.get("code", 0), return_error.get("message", ""),
                                status)
            if status == 200 and "result" in value:
                return value["result"]
    raise TransportError(f"HTTP {status}: not a Herald API answer: {body[:200]!r}", status)
