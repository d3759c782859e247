"""Tokens minted here are accepted by a real Herald server: HS256/384/512 with its
token.hmacSecret, RS256/384/512 with the private key of its token.rsaPublicKey (PKCS#8 and
PKCS#1 PEM); subscription tokens open private channels; claims land where docs/protocol.md says."""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import unittest
from datetime import timedelta
from pathlib import Path

from herald import Client, TokenMinter, connection_token, subscription_token
from harness import Herald, SseClient, namespace

server: Herald
keys: tempfile.TemporaryDirectory
PKCS8 = ""
PKCS1 = ""


def setUpModule() -> None:
    global server, keys, PKCS8, PKCS1
    keys = tempfile.TemporaryDirectory(prefix="herald-py-keys-")
    d = Path(keys.name)
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", str(d / "key.pem")], check=True, capture_output=True)
    subprocess.run(["openssl", "rsa", "-in", str(d / "key.pem"), "-traditional",
                    "-out", str(d / "key1.pem")], check=True, capture_output=True)
    subprocess.run(["openssl", "rsa", "-in", str(d / "key.pem"), "-pubout",
                    "-out", str(d / "pub.pem")], check=True, capture_output=True)
    PKCS8 = (d / "key.pem").read_text()
    PKCS1 = (d / "key1.pem").read_text()
    assert "BEGIN PRIVATE KEY" in PKCS8 and "BEGIN RSA PRIVATE KEY" in PKCS1
    server = Herald(rsa_public_key=str(d / "pub.pem"), namespaces=[namespace("h")])


def tearDownModule() -> None:
    server.close()
    keys.cleanup()


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


class TokensTest(unittest.TestCase):

    def connect(self, token: str) -> SseClient:
        s = SseClient(server, {"token": token})
        self.addCleanup(s.close)
        return s

    def test_hmac_tokens_of_every_size_connect(self) -> None:
        for algorithm in ("HS256", "HS384", "HS512"):
            minter = TokenMinter(hmac_secret=server.secret, algorithm=algorithm)
            reply = self.connect(minter.connection_token("ann", ttl=60)).connect_reply
            self.assertEqual(reply["result"]["user"], "ann", algorithm)
            self.assertTrue(reply["result"]["expires"])
            self.assertLessEqual(reply["result"]["ttl"], 60)

    def test_rsa_tokens_from_pkcs8_and_pkcs1_keys_connect(self) -> None:
        for pem in (PKCS8, PKCS1):
            for algorithm in ("RS256", "RS384", "RS512"):
                minter = TokenMinter(rsa_private_key=pem, algorithm=algorithm)
                reply = self.connect(minter.connection_token("bob")).connect_reply
                self.assertEqual(reply["result"]["user"], "bob", algorithm)
                self.assertNotIn("expires", reply["result"])

    def test_claims_info_and_channels_take_effect(self) -> None:
        token = connection_token(server.secret, "carl", ttl=timedelta(minutes=5),
                                 info={"name": "Carl"}, channels=["h:auto"])
        self.assertEqual(claims(token)["channels"], ["h:auto"])
        carl = self.connect(token)
        self.assertIn("h:auto", carl.connect_reply["result"]["subs"])
        with Client(server.url, api_key=server.api_key) as api:
            api.publish("h:auto", "pushed")
            self.assertEqual(carl.publication("h:auto")["data"], "pushed")
            presence = api.presence("h:auto")
            self.assertEqual([c.info for c in presence.values()], [{"name": "Carl"}])

    def test_an_expired_token_is_refused_as_expired(self) -> None:
        minter = TokenMinter(hmac_secret=server.secret, clock=lambda: 1_000_000_000)
        reply = self.connect(minter.connection_token("dan", ttl=60)).connect_reply
        self.assertEqual(reply["error"]["code"], 109)

    def test_a_wrong_secret_is_refused(self) -> None:
        reply = self.connect(connection_token("y" * 32, "eve")).connect_reply
        self.assertEqual(reply["error"]["code"], 101)

    def test_subscription_tokens_open_private_channels(self) -> None:
        fay = self.connect(connection_token(server.secret, "fay"))
        refused = fay.call("subscribe", {"channel": "$h:secret"})
        self.assertEqual(refused["error"]["code"], 103)
        token = subscription_token(server.secret, "fay", "$h:secret", ttl=60,
                                   info={"role": "owner"})
        self.assertEqual(claims(token)["channel"], "$h:secret")
        self.assertIn("result", fay.call("subscribe", {"channel": "$h:secret", "token": token}))
        with Client(server.url, api_key=server.api_key) as api:
            chan_info = [c.chan_info for c in api.presence("$h:secret").values()]
        self.assertEqual(chan_info, [{"role": "owner"}])
        other = subscription_token(server.secret, "gus", "$h:secret")
        self.assertEqual(fay.call("subscribe", {"channel": "$h:other", "token": other})
                         ["error"]["code"], 103)

    def test_issuer_audience_and_key_id_are_set(self) -> None:
        minter = TokenMinter(hmac_secret=server.secret, issuer="auth", audience=["herald"],
                             key_id="k1", clock=lambda: 100)
        token = minter.subscription_token("u", "$c", ttl=10, claims={"x": 1})
        header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
        self.assertEqual(header, {"alg": "HS256", "typ": "JWT", "kid": "k1"})
        self.assertEqual(claims(token), {"sub": "u", "channel": "$c", "iat": 100, "exp": 110,
                                         "iss": "auth", "aud": ["herald"], "x": 1})

    def test_bad_keys_are_refused_when_the_minter_is_made(self) -> None:
        with self.assertRaises(ValueError):
            TokenMinter(hmac_secret="short")
        with self.assertRaises(ValueError):
            TokenMinter(hmac_secret=server.secret, algorithm="RS256")
        with self.assertRaises(ValueError):
            TokenMinter(rsa_private_key="not a key")
        with self.assertRaises(ValueError):
            TokenMinter()


if __name__ == "__main__":
    unittest.main()
