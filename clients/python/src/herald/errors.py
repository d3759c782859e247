"""Errors raised by the Herald clients.

Every failure of a call is a :class:`HeraldError`. An answer of the server is an :class:`ApiError`
(or one of its subclasses, chosen by ``code``); a network failure or an answer that is not
Herald's is a :class:`TransportError`. Switch on the class or on ``code``, never on ``message``.
"""

from __future__ import annotations

from typing import Dict, Optional, Type

__all__ = [
    "HeraldError",
    "TransportError",
    "ApiError",
    "ParseError",
    "InvalidParamsError",
    "MethodNotFoundError",
    "InternalError",
    "UnauthorizedError",
    "UnknownChannelError",
    "BadRequestError",
    "NotAvailableError",
    "UnrecoverablePositionError",
    "BodyTooLargeError",
    "error_for",
]


class HeraldError(Exception):
    """Base class of every error of this package."""


class TransportError(HeraldError):
    """The server could not be reached, the connection broke, or it answered something that is
    not a Herald API answer (``status`` is the HTTP status when there was one)."""

    def __init__(self, message: str, status: Optional[int] = None) -> None:
        super().__init__(message)
        self.status = status


class ApiError(HeraldError):
    """The server answered with an error: ``{"error": {"code", "message"}}``.

    :ivar code: Herald's error code (docs/protocol.md#error-codes)
    :ivar message: a text for humans; do not parse it
    :ivar status: the HTTP status of the answer (200 for a method that ran and refused, and
        for an element of ``batch`` or ``broadcast``)
    """

    code: int = 0

    def __init__(self, code: int, message: str, status: int = 200) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ApiError) and type(self) is type(other)
                and (self.code, self.message, self.status)
                == (other.code, other.message, other.status))

    def __hash__(self) -> int:
        return hash((type(self), self.code, self.message, self.status))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code}, message={self.message!r}, status={self.status})"


class ParseError(ApiError):
    """-32700: the body was not valid JSON (HTTP 400)."""


class InvalidParamsError(ApiError):
    """-32602: a param is missing, of the wrong type or out of range (HTTP 400)."""


class MethodNotFoundError(ApiError):
    """-32601: the server has no such method (HTTP 404)."""


class InternalError(ApiError):
    """100: an unexpected failure on the server (HTTP 500)."""


class UnauthorizedError(ApiError):
    """101: ``X-API-Key`` missing or wrong, or the server has no ``api.key`` (HTTP 401)."""


class UnknownChannelError(ApiError):
    """102: the channel's namespace is not configured."""


class BadRequestError(ApiError):
    """107: an invalid channel name (or a method other than POST, HTTP 405)."""


class NotAvailableError(ApiError):
    """108: the namespace keeps no history or presence, or the engine could not store or send a
    publication (retry a publish with the same ``idempotency_key``)."""


class UnrecoverablePositionError(ApiError):
    """112: ``since`` names an epoch that is not the channel's: the stream was lost, reload."""


class BodyTooLargeError(ApiError):
    """The request body was over the server's ``api.maxBodySize`` (HTTP 413; ``code`` is 413)."""


_BY_CODE: Dict[int, Type[ApiError]] = {
    -32700: ParseError,
    -32602: InvalidParamsError,
    -32601: MethodNotFoundError,
    100: InternalError,
    101: UnauthorizedError,
    102: UnknownChannelError,
    107: BadRequestError,
    108: NotAvailableError,
    112: UnrecoverablePositionError,
    413: BodyTooLargeError,
}


def error_for(code: int, message: str, status: int = 200) -> ApiError:
    """The :class:`ApiError` subclass for ``code`` (plain :class:`ApiError` for others)."""
    return _BY_CODE.get(code, ApiError)(code, message, status)
