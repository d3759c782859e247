"""Receiving Herald's webhooks (docs/webhooks.md): checking the ``Herald-Signature`` header and
reading the events of a batch.

    events = webhooks.parse(SECRET, request.headers["Herald-Signature"], raw_body)

The signature is the hex HMAC-SHA256, keyed with the webhook's ``secret``, of the timestamp, a
``.`` and the raw body; give the body's bytes exactly as received, before any JSON parsing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any, Callable, List, Optional, Union

from .errors import HeraldError

__all__ = ["WebhookEvent", "WebhookSignatureError", "verify", "parse", "sign"]

#: Seconds a signature's timestamp may be away from this clock (5 minutes, as docs/webhooks.md).
DEFAULT_TOLERANCE = 300


class WebhookSignatureError(HeraldError):
    """The request is not a batch Herald signed with this secret within the tolerance: answer it
    with 401 (or 400) and drop it."""


@dataclass(frozen=True)
class WebhookEvent:
    """One event of a batch. ``time`` is in milliseconds since the epoch; fields that do not
    apply to the ``type`` are None. The same ``id`` may come twice (at least once delivery)."""

    id: str
    type: str
    time: int
    channel: Optional[str] = None
    user: Optional[str] = None
    client: Optional[str] = None
    info: Any = None
    data: Any = None


def _key(secret: Union[str, bytes]) -> bytes:
    return secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)


def sign(secret: Union[str, bytes], body: bytes, timestamp: Optional[int] = None) -> str:
    """The ``Herald-Signature`` value for ``body`` (for tests of a receiver)."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(_key(secret), str(t).encode("ascii") + b"." + body, hashlib.sha256)
    return f"t={t},v1={mac.hexdigest()}"


def verify(secret: Union[str, bytes], header: Optional[str], body: bytes, *,
           tolerance: float = DEFAULT_TOLERANCE,
           clock: Callable[[], float] = time.time) -> None:
    """Raises :class:`WebhookSignatureError` unless ``header`` signs ``body`` with ``secret``
    and its timestamp is within ``tolerance`` seconds of ``clock()``."""
    if not header:
        raise WebhookSignatureError("no Herald-Signature header")
    timestamp: Optional[str] = None
    signatures: List[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            timestamp = value
        elif name == "v1":
            signatures.append(value)
    if timestamp is None or not timestamp.isdigit() or not signatures:
        raise WebhookSignatureError("malformed Herald-Signature header")
    expected = hmac.new(_key(secret), timestamp.encode("ascii") + b"." + body,
                        hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected, s) for s in signatures):
        raise WebhookSignatureError("the signature does not match the body")
    if abs(clock() - int(timestamp)) > tolerance:
        raise WebhookSignatureError("the signature's timestamp is too old or in the future")


def parse(secret: Union[str, bytes], header: Optional[str], body: bytes, *,
          tolerance: float = DEFAULT_TOLERANCE,
          clock: Callable[[], float] = time.time) -> List[WebhookEvent]:
    """:func:`verify`, then the batch's events, oldest first."""
    verify(secret, header, body, tolerance=tolerance, clock=clock)
    try:
        events = json.loads(body)["events"]
        return [WebhookEvent(e["id"], e["type"], e["time"], e.get("channel"), e.get("user"),
                             e.get("client"), e.get("info"), e.get("data")) for e in events]
    except (ValueError, KeyError, TypeError) as e:
        raise WebhookSignatureError(f"a signed body that is not a batch of events: {e}") from e
