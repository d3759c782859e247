"""The FastAPI example against a real Herald server: tokens for the logged-in user, and task
updates that reach exactly that user's devices."""

from __future__ import annotations

import json
import sys
import unittest
from pathlib import Path

import herald
from harness import Herald, SseClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))

try:
    from fastapi.testclient import TestClient
    import fastapi_app
except ImportError as e:  # pragma: no cover - .ci/run installs python3-fastapi
    raise unittest.SkipTest(f"FastAPI is not installed: {e}")

server: Herald


def setUpModule() -> None:
    global server
    server = Herald()


def tearDownModule() -> None:
    server.close()


class FastApiExampleTest(unittest.TestCase):

    def setUp(self) -> None:
        app = fastapi_app.create_app(server.url, server.api_key, server.secret,
                                     boards={"$tasks:board-1": {"ann"}},
                                     webhook_secret="hook-secret-0123456789")
        self.web = TestClient(app)
        self.web.__enter__()
        self.addCleanup(self.web.__exit__, None, None, None)

    def device(self, user: str) -> SseClient:
        browser = TestClient(self.web.app)
        browser.cookies.clear()
        self.assertEqual(browser.post("/login", json={"user": user}).status_code, 200)
        token = browser.get("/herald/token").json()["token"]
        s = SseClient(server, {"token": token})
        self.addCleanup(s.close)
        self.assertIn(f"tasks:list#{user}", s.connect_reply["result"]["subs"])
        s.browser = browser  # type: ignore[attr-defined]
        return s

    def test_a_task_update_reaches_every_device_of_its_user_only(self) -> None:
        phone, laptop, other = self.device("ann"), self.device("ann"), self.device("bob")
        self.web.cookies.set("session", phone.browser.cookies["session"])
        answer = self.web.put("/tasks/7", json={"title": "buy milk", "done": True})
        self.assertEqual(answer.status_code, 200)
        self.assertTrue(answer.json()["published"])
        for device in (phone, laptop):
            data = device.publication("tasks:list#ann")["data"]
            self.assertEqual(data["type"], "task.updated")
            self.assertEqual(data["task"], {"id": 7, "title": "buy milk", "done": True,
                                            "version": 1})
        self.assertEqual(other.messages.qsize(), 0)
        self.assertEqual(other.connect_reply["result"]["user"], "bob")

    def test_tokens_need_a_login_and_board_membership(self) -> None:
        anonymous = TestClient(self.web.app)
        self.assertEqual(anonymous.get("/herald/token").status_code, 401)
        self.assertEqual(anonymous.put("/tasks/1", json={"title": "x"}).status_code, 401)
        ann = self.device("ann")
        allowed = ann.browser.get("/herald/subscription-token",
                                  params={"channel": "$tasks:board-1"})
        self.assertEqual(allowed.status_code, 200)
        reply = ann.call("subscribe", {"channel": "$tasks:board-1",
                                       "token": allowed.json()["token"]})
        self.assertIn("result", reply)
        bob = self.device("bob")
        self.assertEqual(bob.browser.get("/herald/subscription-token",
                                         params={"channel": "$tasks:board-1"}).status_code, 403)

    def test_signed_webhooks_keep_the_online_users(self) -> None:
        def post(events: list, secret: str = "hook-secret-0123456789") -> int:
            body = json.dumps({"events": events}).encode()
            return self.web.post("/herald/events", content=body, headers={
                "Herald-Signature": herald.webhooks.sign(secret, body)}).status_code

        online = {"id": "e1", "type": "user.online", "time": 1, "user": "ann"}
        self.assertEqual(post([online, {"id": "e2", "type": "user.online", "time": 2,
                                        "user": "bob"}]), 204)
        self.assertEqual(post([online]), 204)  # a repeat is dropped by its id
        self.assertEqual(post([{"id": "e3", "type": "user.offline", "time": 3,
                                "user": "bob"}]), 204)
        self.assertEqual(self.web.get("/online").json(), {"users": ["ann"]})
        self.assertEqual(post([{"id": "e4", "type": "user.online", "time": 4, "user": "eve"}],
                              secret="not-the-secret-0123456789"), 401)
        self.assertEqual(self.web.get("/online").json(), {"users": ["ann"]})


if __name__ == "__main__":
    unittest.main()
