"""herald.webhooks checks Herald-Signature exactly as docs/webhooks.md defines it (cross-checked
with openssl) and reads the batch's events; a wrong secret, a changed body or a timestamp more
than 5 minutes away are refused."""

from __future__ import annotations

import subprocess
import unittest

from herald import webhooks
from herald.webhooks import WebhookEvent, WebhookSignatureError

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
