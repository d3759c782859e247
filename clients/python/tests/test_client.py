"""The blocking client against a real Herald server, its effects seen by an SSE session."""

from __future__ import annotations

import json
import socket
import unittest

import herald
from herald import (BadRequestError, BodyTooLargeError, Client, InvalidParamsError,
                    MethodNotFoundError, NotAvailableError, PublishResult, StreamPosition,
                    TransportError, UnauthorizedError, UnknownChannelError,
                    UnrecoverablePositionError, commands)
from harness import Herald, SseClient, namespace

server: Herald


def setUpModule() -> None:
    global server
    server = Herald(namespaces=[
        namespace("h"),
        namespace("plain", historySize=0, historyTtl="0s", presence=False)])


def tearDownModule() -> None:
    server.close()


class ClientTest(unittest.TestCase):

    def setUp(self) -> None:
        self.client = Client(server.url, api_key=server.api_key)
        self.tokens = herald.TokenMinter(hmac_secret=server.secret)
        self.sessions = []

    def tearDown(self) -> None:
        self.client.close()
        for s in self.sessions:
            s.close()

    def session(self, user: str, *channels: str, info=None) -> SseClient:
        token = self.tokens.connection_token(user, ttl=600, info=info)
        s = SseClient(server, {"token": token, "subs": {c: {} for c in channels}})
        self.sessions.append(s)
        self.assertIn("result", s.connect_reply)
        return s

    def test_publish_reaches_subscribers_and_answers_the_position(self) -> None:
        ann = self.session("ann", "h:pub")
        first = self.client.publish("h:pub", {"text": "hi", "n": [1, 2.5, None]})
        self.assertIsInstance(first, PublishResult)
        self.assertEqual(first.offset, 1)
        self.assertTrue(first.epoch)
        self.assertEqual(first.position, StreamPosition(1, first.epoch))
        self.assertEqual(ann.publication("h:pub")["data"], {"text": "hi", "n": [1, 2.5, None]})
        self.assertEqual(self.client.publish("plain:x", "text"), PublishResult())
        self.assertIsNone(self.client.publish("plain:x", None).position)

    def test_an_event_name_travels_with_the_publication(self) -> None:
        self.client.publish("h:ev", {"id": 1}, event="task.updated")
        self.client.broadcast(["h:ev"], {"id": 2}, event="task.deleted")
        events = [p.event for p in self.client.history("h:ev").publications]
        self.assertEqual(events, ["task.updated", "task.deleted"])

    def test_a_retry_with_the_same_idempotency_key_publishes_once(self) -> None:
        ann = self.session("ann", "h:idem")
        a = self.client.publish("h:idem", 1, idempotency_key="k-1")
        b = self.client.publish("h:idem", 1, idempotency_key="k-1")
        self.assertEqual(a, b)
        self.client.publish("h:idem", 2)
        self.assertEqual(ann.publication("h:idem")["data"], 1)
        self.assertEqual(ann.publication("h:idem")["data"], 2)

    def test_broadcast_answers_each_channel(self) -> None:
        responses = self.client.broadcast(["h:b1", "plain:b2", "nope:b3", "a b"], {"x": 1})
        self.assertIsInstance(responses[0], PublishResult)
        self.assertEqual(responses[1], PublishResult())
        self.assertIsInstance(responses[2], UnknownChannelError)
        self.assertEqual(responses[2].code, 102)
        self.assertIsInstance(responses[3], BadRequestError)

    def test_history_reads_forward_backward_and_since(self) -> None:
        for n in range(1, 6):
            self.client.publish("h:hist", {"n": n})
        everything = self.client.history("h:hist")
        self.assertEqual([p.data["n"] for p in everything.publications], [1, 2, 3, 4, 5])
        self.assertEqual(everything.offset, 5)
        self.assertIsNone(everything.publications[0].info)
        self.assertIsNone(everything.publications[0].event)
        newest = self.client.history("h:hist", limit=2, reverse=True)
        self.assertEqual([p.offset for p in newest.publications], [5, 4])
        since = self.client.history("h:hist", since=StreamPosition(3, everything.epoch))
        self.assertEqual([p.offset for p in since.publications], [4, 5])
        self.assertEqual(self.client.history("h:hist", limit=0).publications, [])
        with self.assertRaises(UnrecoverablePositionError) as e:
            self.client.history("h:hist", since=StreamPosition(3, "another-epoch"))
        self.assertEqual((e.exception.code, e.exception.status), (112, 200))
        with self.assertRaises(NotAvailableError):
            self.client.history("plain:x")
        self.client.history_remove("h:hist")
        after = self.client.history("h:hist")
        self.assertEqual((after.publications, after.offset, after.epoch),
                         ([], 5, everything.epoch))

    def test_presence_and_stats(self) -> None:
        self.session("ann", "h:room", info={"name": "Ann"})
        self.session("ann", "h:room")
        self.session("bob", "h:room")
        clients = self.client.presence("h:room")
        self.assertEqual(len(clients), 3)
        self.assertEqual(sorted(c.user for c in clients.values()), ["ann", "ann", "bob"])
        self.assertIn({"name": "Ann"}, [c.info for c in clients.values()])
        for client_id, c in clients.items():
            self.assertEqual(c.client, client_id)
        stats = self.client.presence_stats("h:room")
        self.assertEqual((stats.num_clients, stats.num_users), (3, 2))
        with self.assertRaises(NotAvailableError):
            self.client.presence("plain:room")

    def test_channels_and_info(self) -> None:
        self.session("ann", "h:list1", "h:list2")
        self.session("bob", "h:list1")
        listed = self.client.channels("h:list*")
        self.assertEqual(list(listed), ["h:list1", "h:list2"])
        self.assertEqual(listed["h:list1"].num_clients, 2)
        info = self.client.info()
        self.assertEqual(len(info.nodes), 1)
        self.assertGreaterEqual(info.nodes[0].num_clients, 2)
        self.assertEqual(info.nodes[0].version, herald.__version__)
        self.assertTrue(info.engine.up)

    def test_subscribe_unsubscribe_and_disconnect_reach_the_users_connections(self) -> None:
        carl = self.session("carl")
        self.assertIsNone(self.client.subscribe("carl", "h:news"))
        note = carl.next(lambda m: m.get("method") == "subscribe")
        self.assertEqual(note["params"]["channel"], "h:news")
        self.client.publish("h:news", "flash")
        self.assertEqual(carl.publication("h:news")["data"], "flash")
        self.client.unsubscribe("carl", "h:news")
        note = carl.next(lambda m: m.get("method") == "unsubscribe")
        self.assertEqual(note["params"]["code"], 2000)
        self.client.disconnect("carl", code=4500, reason="account closed")
        bye = carl.next(lambda m: m.get("method") == "disconnect")
        self.assertEqual(bye["params"], {"code": 4500, "reason": "account closed",
                                         "reconnect": False})

    def test_batch_answers_each_command_typed(self) -> None:
        replies = self.client.batch([
            commands.publish("h:batch", {"n": 1}),
            commands.publish("nope:x", 1),
            commands.history("h:batch"),
            commands.presence_stats("h:batch"),
            commands.channels(),
            commands.info(),
            commands.subscribe("nobody", "h:batch"),
            commands.raw("nope"),
        ])
        self.assertEqual(replies[0].offset, 1)
        self.assertIsInstance(replies[1], UnknownChannelError)
        self.assertEqual([p.data for p in replies[2].publications], [{"n": 1}])
        self.assertEqual(replies[3].num_clients, 0)
        self.assertIsInstance(replies[4], dict)
        self.assertIsInstance(replies[5], herald.InfoResult)
        self.assertIsNone(replies[6])
        self.assertIsInstance(replies[7], MethodNotFoundError)

    def test_errors_are_typed(self) -> None:
        with self.assertRaises(UnauthorizedError) as e:
            Client(server.url, api_key="wrong").info()
        self.assertEqual((e.exception.code, e.exception.status), (101, 401))
        with self.assertRaises(InvalidParamsError) as e:
            self.client.disconnect("ann", code=1000)
        self.assertEqual(e.exception.status, 400)
        with self.assertRaises(BadRequestError):
            self.client.publish("a b", 1)
        with self.assertRaises(UnknownChannelError):
            self.client.subscribe("ann", "nope:x")
        with self.assertRaises(MethodNotFoundError) as e:
            self.client.call("nope")
        self.assertEqual(e.exception.status, 404)
        with self.assertRaises(ValueError):
            self.client.publish("h:x", float("nan"))
        # The connection is still good after errors.
        self.assertEqual(self.client.call("presenceStats", {"channel": "h:none"}),
                         {"numClients": 0, "numUsers": 0})

    def test_a_body_over_max_body_size_is_body_too_large(self) -> None:
        small = Herald(namespaces=[namespace("h")], api={"maxBodySize": 16384})
        try:
            client = Client(small.url, api_key=small.api_key)
            with self.assertRaises(BodyTooLargeError) as e:
                client.publish("h:big", "x" * 20000)
            self.assertEqual(e.exception.status, 413)
            self.assertEqual(client.publish("h:big", "x" * 1000).offset, 1)
        finally:
            small.close()

    def test_an_unreachable_server_is_a_transport_error(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaises(TransportError):
            Client(f"http://127.0.0.1:{port}", api_key="k", timeout=2).info()
        with self.assertRaises(ValueError):
            Client("localhost:8000", api_key="k")

    def test_the_keep_alive_connection_serves_many_calls_and_survives_a_server_close(self) -> None:
        for n in range(200):
            self.client.publish("plain:many", n)
        # A kept-alive connection the other side has shut is replaced once, transparently.
        self.client._local.conn.sock.shutdown(socket.SHUT_RDWR)
        self.assertEqual(self.client.presence_stats("h:none").num_clients, 0)
        self.assertEqual(json.loads(json.dumps(self.client.call("info")))["nodes"][0]["uid"],
                         self.client.info().nodes[0].uid)


if __name__ == "__main__":
    unittest.main()
