"""herald.webhooks checks Herald-Signature exactly as docs/webhooks.md defines it (cross-checked
with openssl) and reads the batch's events; a wrong secret, a changed body or a timestamp more
than 5 minutes away are refused; the batches a real server posts verify and read as the events
that happened."""

from __future__ import annotations

import http.server
import queue
import subprocess
import threading
import unittest

from herald import TokenMinter, webhooks
from herald.webhooks import WebhookEvent, WebhookSignatureError
from harness import Herald, SseClient, namespace

SECRET = "webhook-secret-0123456789abcdef"


class WebhooksTest(unittest.TestCase):

    def test_a_signature_made_by_openssl_over_the_documented_input_verifies(self) -> None:
        body = (b'{"events":[{"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","type":"presence.join",'
                b'"time":1765094400123,"channel":"chat:lobby","user":"42","client":"c-1",'
                b'"info":{"name":"Ann"}}]}')
        digest = subprocess.run(
            ["openssl", "dgst", "-sha256", "-hmac", SECRET, "-r"],
            input=b"1765094400." + body, check=True, capture_output=True).stdout.split()[0]
        header = "t=1765094400,v1=" + digest.decode("ascii")
        [event] = webhooks.parse(SECRET, header, body, clock=lambda: 1765094400 + 299)
        self.assertEqual(event, WebhookEvent("1b4e28ba-2fa1-41d2-883f-0016d3cca427",
                                             "presence.join", 1765094400123, "chat:lobby",
                                             "42", "c-1", {"name": "Ann"}))
        self.assertEqual(webhooks.sign(SECRET, body, timestamp=1765094400), header)
        # Several v1 values (a secret being rotated): one match is enough.
        webhooks.verify(SECRET, "t=1765094400,v1=00ff," + header[len("t=1765094400,"):], body,
                        clock=lambda: 1765094400)
        for secret, changed, now in ((SECRET[::-1], body, 1765094400),
                                     (SECRET, body + b" ", 1765094400),
                                     (SECRET, body, 1765094400 + 301),
                                     (SECRET, body, 1765094400 - 301)):
            with self.assertRaises(WebhookSignatureError):
                webhooks.verify(secret, header, changed, clock=lambda: now)
        for bad in (None, "", "v1=abc", "t=x,v1=abc", "t=1765094400"):
            with self.assertRaises(WebhookSignatureError):
                webhooks.verify(SECRET, bad, body, clock=lambda: 1765094400)

    def test_sign_makes_what_verify_accepts(self) -> None:
        body = b'{"events":[{"id":"x","type":"user.online","time":1,"user":"u"}]}'
        header = webhooks.sign(SECRET, body, timestamp=1000)
        self.assertEqual(webhooks.parse(SECRET, header, body, clock=lambda: 1100)[0].user, "u")
        with self.assertRaises(WebhookSignatureError):
            webhooks.parse(SECRET, header, b"[]", clock=lambda: 1100)
        with self.assertRaises(WebhookSignatureError):
            webhooks.parse(SECRET, webhooks.sign(SECRET, b"[]", 1000), b"[]", clock=lambda: 1100)


if __name__ == "__main__":
    unittest.main()


class Receiver(http.server.ThreadingHTTPServer):
    """Records (Herald-Signature, body) of every POST and answers 204."""

    def __init__(self) -> None:
        self.posts: "queue.Queue[tuple]" = queue.Queue()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.posts.put((self.headers.get("Herald-Signature"), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class ServerWebhooksTest(unittest.TestCase):
    """Batches a real Herald server posts verify and read as the events that happened."""

    def test_a_real_batch_verifies_and_reads_as_events(self) -> None:
        receiver = Receiver()
        self.addCleanup(receiver.server_close)
        self.addCleanup(receiver.shutdown)
        url = f"http://127.0.0.1:{receiver.server_address[1]}/herald/events"
        server = Herald(namespaces=[namespace("h")], extra={
            "webhooks": [{"url": url, "secret": SECRET, "batchMaxDelay": "50ms"}]})
        self.addCleanup(server.close)
        token = TokenMinter(hmac_secret=server.secret).connection_token(
            "ann", info={"name": "Ann"})
        ann = SseClient(server, {"token": token, "subs": {"h:room": {}}})
        self.addCleanup(ann.close)
        events = []
        while len({e.type for e in events} & {"channel.occupied", "user.online",
                                              "presence.join"}) < 3:
            header, body = receiver.posts.get(timeout=15)
            events.extend(webhooks.parse(SECRET, header, body))
            with self.assertRaises(WebhookSignatureError):
                webhooks.verify("another-secret-0123456789", header, body)
        by_type = {e.type: e for e in events}
        self.assertEqual(by_type["channel.occupied"].channel, "h:room")
        self.assertEqual(by_type["user.online"].user, "ann")
        join = by_type["presence.join"]
        self.assertEqual((join.channel, join.user, join.info), ("h:room", "ann", {"name": "Ann"}))
        self.assertEqual(join.client, ann.connect_reply["result"]["client"])
