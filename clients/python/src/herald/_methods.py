"""The API's methods, written once for the sync and the asyncio client: each builds a
:class:`~herald.commands.Command` and hands it to ``run``, which returns the typed result (sync)
or an awaitable of it (asyncio)."""

from __future__ import annotations

from typing import Any, Optional, Sequence

from . import commands
from .commands import Command
from .types import StreamPosition


class ApiMethods:
    """Mixin: ``run(command)`` is the subclass's."""

    def run(self, command: Command) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def publish(self, channel: str, data: Any, *, idempotency_key: Optional[str] = None,
                event: Optional[str] = None):
        """Publishes ``data`` to ``channel``: :class:`~herald.types.PublishResult`.

        :raises UnknownChannelError: 102, the namespace is not configured
        :raises BadRequestError: 107, the channel name is invalid
        :raises NotAvailableError: 108, not stored or sent: retry with the same key
        """
        return self.run(commands.publish(channel, data, idempotency_key=idempotency_key,
                                         event=event))

    def broadcast(self, channels: Sequence[str], data: Any, *,
                  idempotency_key: Optional[str] = None, event: Optional[str] = None):
        """Publishes ``data`` to each channel: a list of
        :class:`~herald.types.PublishResult` or :class:`~herald.errors.ApiError`, in order."""
        return self.run(commands.broadcast(channels, data, idempotency_key=idempotency_key,
                                           event=event))

    def subscribe(self, user: str, channel: str):
        """Subscribes every connection of ``user`` to ``channel``, server-side."""
        return self.run(commands.subscribe(user, channel))

    def unsubscribe(self, user: str, channel: str):
        """Unsubscribes every connection of ``user`` from ``channel``."""
        return self.run(commands.unsubscribe(user, channel))

    def disconnect(self, user: str, *, client: Optional[str] = None,
                   code: Optional[int] = None, reason: Optional[str] = None):
        """Closes the connections of ``user`` (or only ``client``)."""
        return self.run(commands.disconnect(user, client=client, code=code, reason=reason))

    def history(self, channel: str, *, limit: Optional[int] = None,
                since: Optional[StreamPosition] = None, reverse: bool = False):
        """Reads ``channel``'s kept publications: :class:`~herald.types.HistoryResult`.

        :raises NotAvailableError: 108, the namespace keeps no history
        :raises UnrecoverablePositionError: 112, ``since.epoch`` is not the channel's
        """
        return self.run(commands.history(channel, limit=limit, since=since, reverse=reverse))

    def history_remove(self, channel: str):
        """Drops ``channel``'s kept publications."""
        return self.run(commands.history_remove(channel))

    def presence(self, channel: str):
        """Who is subscribed: :class:`~herald.types.ClientInfo` by client id.

        :raises NotAvailableError: 108, the namespace keeps no presence
        """
        return self.run(commands.presence(channel))

    def presence_stats(self, channel: str):
        """:class:`~herald.types.PresenceStats` of ``channel``."""
        return self.run(commands.presence_stats(channel))

    def channels(self, pattern: Optional[str] = None):
        """Channels with subscribers on the answering node: name to
        :class:`~herald.types.ChannelInfo`."""
        return self.run(commands.channels(pattern))

    def info(self):
        """:class:`~herald.types.InfoResult`: every live node and the engine's health."""
        return self.run(commands.info())

    def batch(self, batch: Sequence[Command]):
        """Runs the :mod:`herald.commands` in ``batch`` in one request, in order: one element
        per command, its typed result or its :class:`~herald.errors.ApiError`."""
        return self.run(commands.batch_command(batch))
