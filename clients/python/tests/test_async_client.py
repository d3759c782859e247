"""The asyncio client against a real Herald server."""

from __future__ import annotations

import asyncio
import socket
import unittest

from herald import (AsyncClient, BodyTooLargeError, InvalidParamsError, NotAvailableError,
                    PublishResult, StreamPosition, TokenMinter, TransportError,
                    UnauthorizedError, UnknownChannelError, commands)
from harness import Herald, SseClient, namespace

server: Herald


def setUpModule() -> None:
    global server
    server = Herald(namespaces=[
        namespace("h"),
        namespace("plain", historySize=0, historyTtl="0s", presence=False)],
        api={"maxBodySize": 16384})


def tearDownModule() -> None:
    server.close()


class AsyncClientTest(unittest.IsolatedAsyncioTestCase):

    async def asyncSetUp(self) -> None:
        self.client = AsyncClient(server.url, api_key=server.api_key)

    async def asyncTearDown(self) -> None:
        await self.client.close()

    def session(self, user: str, *channels: str) -> SseClient:
        token = TokenMinter(hmac_secret=server.secret).connection_token(user, ttl=600)
        s = SseClient(server, {"token": token, "subs": {c: {} for c in channels}})
        self.addCleanup(s.close)
        return s

    async def test_every_method(self) -> None:
        ann = await asyncio.to_thread(self.session, "ann", "h:a")
        result = await self.client.publish("h:a", {"n": 1})
        self.assertEqual(result.offset, 1)
        message = await asyncio.to_thread(ann.publication, "h:a")
        self.assertEqual(message["data"], {"n": 1})
        self.assertEqual(await self.client.publish("plain:a", 1), PublishResult())
        responses = await self.client.broadcast(["h:a", "nope:a"], 2)
        self.assertEqual(responses[0].offset, 2)
        self.assertIsInstance(responses[1], UnknownChannelError)
        history = await self.client.history("h:a", since=StreamPosition(1, result.epoch))
        self.assertEqual([p.data for p in history.publications], [2])
        presence = await self.client.presence("h:a")
        self.assertEqual([c.user for c in presence.values()], ["ann"])
        self.assertEqual((await self.client.presence_stats("h:a")).num_users, 1)
        self.assertEqual((await self.client.channels("h:*"))["h:a"].num_clients, 1)
        self.assertEqual(len((await self.client.info()).nodes), 1)
        await self.client.subscribe("ann", "h:b")
        await asyncio.to_thread(ann.next, lambda m: m.get("method") == "subscribe")
        await self.client.unsubscribe("ann", "h:b")
        await self.client.history_remove("h:a")
        replies = await self.client.batch([commands.publish("h:a", 3), commands.history("plain:a")])
        self.assertEqual(replies[0].offset, 3)
        self.assertIsInstance(replies[1], NotAvailableError)
        await self.client.disconnect("ann", reason="bye")
        bye = await asyncio.to_thread(ann.next, lambda m: m.get("method") == "disconnect")
        self.assertEqual(bye["params"]["code"], 3503)
        self.assertEqual(bye["params"]["reason"], "bye")

    async def test_concurrent_calls_share_keep_alive_connections(self) -> None:
        results = await asyncio.gather(*(self.client.publish("h:many", n) for n in range(100)))
        self.assertEqual(sorted(r.offset for r in results), list(range(1, 101)))
        self.assertLessEqual(len(self.client._idle), 8)
        history = await self.client.history("h:many")
        self.assertEqual(sorted(p.data for p in history.publications), list(range(100)))

    async def test_errors_are_typed(self) -> None:
        async with AsyncClient(server.url, api_key="wrong") as wrong:
            with self.assertRaises(UnauthorizedError):
                await wrong.info()
        with self.assertRaises(InvalidParamsError):
            await self.client.disconnect("ann", reason="x" * 200)
        with self.assertRaises(BodyTooLargeError):
            await self.client.publish("h:big", "x" * 20000)
        self.assertEqual((await self.client.presence_stats("h:none")).num_clients, 0)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaises(TransportError):
            await AsyncClient(f"http://127.0.0.1:{port}", api_key="k", timeout=2).info()

    async def test_a_connection_closed_by_the_server_is_replaced(self) -> None:
        await self.client.info()
        reader, writer = self.client._idle[0]
        writer.transport.get_extra_info("socket").shutdown(socket.SHUT_RDWR)
        self.assertEqual(len((await self.client.info()).nodes), 1)


if __name__ == "__main__":
    unittest.main()
