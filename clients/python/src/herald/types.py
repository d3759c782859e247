"""Typed results of the server API, one dataclass per shape of docs/openapi.yaml.

JSON payloads (``data``, ``info``) are decoded with :mod:`json` as they are: dicts, lists, str,
int, float, bool or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

__all__ = [
    "StreamPosition",
    "PublishResult",
    "ClientInfo",
    "Publication",
    "HistoryResult",
    "PresenceStats",
    "ChannelInfo",
    "NodeInfo",
    "EngineHealth",
    "InfoResult",
]


@dataclass(frozen=True)
class StreamPosition:
    """A place in a channel's stream: ``offset`` within ``epoch`` (docs/protocol.md, recovery)."""

    offset: int
    epoch: str

    def to_json(self) -> Dict[str, Any]:
        return {"offset": self.offset, "epoch": self.epoch}


@dataclass(frozen=True)
class PublishResult:
    """What ``publish`` answers: the publication's position where the namespace keeps history,
    else both fields are None."""

    offset: Optional[int] = None
    epoch: Optional[str] = None

    @property
    def position(self) -> Optional[StreamPosition]:
        """The position, or None when the channel keeps no history."""
        if self.offset is None or self.epoch is None:
            return None
        return StreamPosition(self.offset, self.epoch)

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "PublishResult":
        return cls(value.get("offset"), value.get("epoch"))


@dataclass(frozen=True)
class ClientInfo:
    """A connection: its id, its user (``""`` for anonymous), the connection token's ``info``
    and the subscription token's ``info`` (``chan_info``), each None when absent."""

    client: str
    user: str
    info: Any = None
    chan_info: Any = None

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "ClientInfo":
        return cls(value["client"], value["user"], value.get("info"), value.get("chanInfo"))


@dataclass(frozen=True)
class Publication:
    """One kept publication: its offset, its data, who published it (None for the API) and the
    event name it was published with (None without one)."""

    offset: int
    data: Any
    info: Optional[ClientInfo] = None
    event: Optional[str] = None

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "Publication":
        info = value.get("info")
        return cls(value["offset"], value.get("data"),
                   ClientInfo.from_json(info) if info is not None else None, value.get("event"))


@dataclass(frozen=True)
class HistoryResult:
    """What ``history`` answers: publications (oldest first unless ``reverse``) and the channel's
    current position."""

    publications: List[Publication] = field(default_factory=list)
    offset: Optional[int] = None
    epoch: Optional[str] = None

    @property
    def position(self) -> Optional[StreamPosition]:
        if self.offset is None or self.epoch is None:
            return None
        return StreamPosition(self.offset, self.epoch)

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "HistoryResult":
        return cls([Publication.from_json(p) for p in value.get("publications", [])],
                   value.get("offset"), value.get("epoch"))


@dataclass(frozen=True)
class PresenceStats:
    """How many connections, and how many distinct users, are subscribed to a channel."""

    num_clients: int
    num_users: int

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "PresenceStats":
        return cls(value["numClients"], value["numUsers"])


@dataclass(frozen=True)
class ChannelInfo:
    """A channel with subscribers on the node that answered ``channels``."""

    num_clients: int


@dataclass(frozen=True)
class NodeInfo:
    """The counters of one Herald node (``uptime`` in seconds)."""

    uid: str
    name: str
    version: str
    num_clients: int
    num_users: int
    num_channels: int
    uptime: int

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "NodeInfo":
        return cls(value["uid"], value["name"], value["version"], value["numClients"],
                   value["numUsers"], value["numChannels"], value["uptime"])


@dataclass(frozen=True)
class EngineHealth:
    """The answering node's view of its engine: ``up`` is False while e.g. Redis is down."""

    up: bool
    detail: str


@dataclass(frozen=True)
class InfoResult:
    """What ``info`` answers: every live node, the answering one first, and its engine."""

    nodes: List[NodeInfo]
    engine: EngineHealth

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> "InfoResult":
        engine = value.get("engine", {})
        return cls([NodeInfo.from_json(n) for n in value["nodes"]],
                   EngineHealth(engine.get("up", True), engine.get("detail", "")))
