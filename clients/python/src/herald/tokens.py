"""Minting Herald's JWTs: connection tokens and subscription tokens (docs/protocol.md, Tokens).

HS256/384/512 with the server's ``token.hmacSecret``, or RS256/384/512 with an RSA private key
in PEM (PKCS#1 ``BEGIN RSA PRIVATE KEY`` or unencrypted PKCS#8 ``BEGIN PRIVATE KEY``) whose
public key is the server's ``token.rsaPublicKey``. Standard library only: RSA signatures are
PKCS#1 v1.5, computed with Python's integers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from datetime import timedelta
from typing import Any, Callable, Dict, Iterable, Optional, Union

__all__ = ["TokenMinter", "connection_token", "subscription_token"]

Seconds = Union[int, float, timedelta]

_HASHES = {"256": hashlib.sha256, "384": hashlib.sha384, "512": hashlib.sha512}
# DER of DigestInfo without the digest (RFC 8017, section 9.2, note 1).
_DIGEST_INFO = {
    "256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "512": bytes.fromhex("3051300d060960864801650304020305000440"),
}
_RSA_OID = bytes.fromhex("2a864886f70d010101")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _seconds(value: Seconds) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TokenMinter:
    """Mints tokens for one key. Give exactly one of ``hmac_secret`` and ``rsa_private_key``.

    :param hmac_secret: the server's ``token.hmacSecret`` (at least 32 bytes)
    :param rsa_private_key: PEM text of the RSA private key
    :param algorithm: ``HS256`` (default for HMAC), ``HS384``, ``HS512``, ``RS256`` (default for
        RSA), ``RS384`` or ``RS512``
    :param issuer: ``iss`` of every token (the server's ``token.issuer``, when it has one)
    :param audience: ``aud`` of every token (the server's ``token.audience``)
    :param key_id: ``kid`` in the header, for servers that pick keys from a JWKS
    :param clock: seconds since the epoch, for ``iat`` and ``exp``
    """

    def __init__(self, *, hmac_secret: Union[str, bytes, None] = None,
                 rsa_private_key: Union[str, bytes, None] = None,
                 algorithm: Optional[str] = None, issuer: Optional[str] = None,
                 audience: Union[str, Iterable[str], None] = None,
                 key_id: Optional[str] = None,
                 clock: Callable[[], float] = time.time) -> None:
        if (hmac_secret is None) == (rsa_private_key is None):
            raise ValueError("give exactly one of hmac_secret and rsa_private_key")
        if hmac_secret is not None:
            self._secret = hmac_secret.encode("utf-8") if isinstance(hmac_secret, str) \
                else bytes(hmac_secret)
            if len(self._secret) < 32:
                raise ValueError("hmac_secret must be at least 32 bytes (HS256 needs 256 bits)")
            algorithm = algorithm or "HS256"
            if not re.fullmatch(r"HS(256|384|512)", algorithm):
                raise ValueError(f"an HMAC secret signs HS256, HS384 or HS512, not {algorithm}")
        else:
            self._rsa = _RsaKey.from_pem(rsa_private_key)
            algorithm = algorithm or "RS256"
            if not re.fullmatch(r"RS(256|384|512)", algorithm):
                raise ValueError(f"an RSA key signs RS256, RS384 or RS512, not {algorithm}")
        self.algorithm = algorithm
        self._issuer = issuer
        self._audience = audience if isinstance(audience, str) or audience is None \
            else list(audience)
        self._key_id = key_id
        self._clock = clock

    def connection_token(self, user: str, *, ttl: Optional[Seconds] = None,
                         info: Any = None, channels: Optional[Iterable[str]] = None,
                         claims: Optional[Dict[str, Any]] = None) -> str:
        """A connection token for ``user`` (``sub``; ``""`` is anonymous).

        :param ttl: seconds (or a timedelta) until ``exp``; None: the token never expires
        :param info: JSON attached to the connection's publications and presence
        :param channels: channels the server subscribes the connection to at connect
        :param claims: more claims, added last
        """
        payload: Dict[str, Any] = {"sub": user}
        if info is not None:
            payload["info"] = info
        if channels is not None:
            payload["channels"] = list(channels)
        return self._mint(payload, ttl, claims)

    def subscription_token(self, user: str, channel: str, *, ttl: Optional[Seconds] = None,
                           info: Any = None, claims: Optional[Dict[str, Any]] = None) -> str:
        """A subscription token: lets ``user``'s connections subscribe to the private channel
        ``channel`` (with its ``$``). ``info`` becomes the subscriber's ``chanInfo``."""
        payload: Dict[str, Any] = {"sub": user, "channel": channel}
        if info is not None:
            payload["info"] = info
        return self._mint(payload, ttl, claims)

    def _mint(self, payload: Dict[str, Any], ttl: Optional[Seconds],
              claims: Optional[Dict[str, Any]]) -> str:
        now = int(self._clock())
        payload["iat"] = now
        if ttl is not None:
            payload["exp"] = now + int(round(_seconds(ttl)))
        if self._issuer is not None:
            payload["iss"] = self._issuer
        if self._audience is not None:
            payload["aud"] = self._audience
        if claims:
            payload.update(claims)
        header: Dict[str, Any] = {"alg": self.algorithm, "typ": "JWT"}
        if self._key_id is not None:
            header["kid"] = self._key_id
        signing_input = (_b64(_json(header)) + "." + _b64(_json(payload))).encode("ascii")
        return signing_input.decode("ascii") + "." + _b64(self._sign(signing_input))

    def _sign(self, data: bytes) -> bytes:
        bits = self.algorithm[2:]
        if self.algorithm.startswith("HS"):
            return hmac.new(self._secret, data, _HASHES[bits]).digest()
        return self._rsa.sign(_DIGEST_INFO[bits] + _HASHES[bits](data).digest())


def connection_token(hmac_secret: Union[str, bytes], user: str, *,
                     ttl: Optional[Seconds] = None, info: Any = None,
                     channels: Optional[Iterable[str]] = None) -> str:
    """An HS256 connection token for ``user``; see :meth:`TokenMinter.connection_token`."""
    return TokenMinter(hmac_secret=hmac_secret).connection_token(
        user, ttl=ttl, info=info, channels=channels)


def subscription_token(hmac_secret: Union[str, bytes], user: str, channel: str, *,
                       ttl: Optional[Seconds] = None, info: Any = None) -> str:
    """An HS256 subscription token; see :meth:`TokenMinter.subscription_token`."""
    return TokenMinter(hmac_secret=hmac_secret).subscription_token(
        user, channel, ttl=ttl, info=info)


class _RsaKey:
    """An RSA private key read from PEM; signs with the Chinese remainder theorem."""

    def __init__(self, n: int, d: int, p: int, q: int, dp: int, dq: int, qinv: int) -> None:
        self.n, self.d, self.p, self.q, self.dp, self.dq, self.qinv = n, d, p, q, dp, dq, qinv
        self.size = (n.bit_length() + 7) // 8
        if n.bit_length() < 2048:
            raise ValueError("the RSA key must have at least 2048 bits")

    @classmethod
    def from_pem(cls, pem: Union[str, bytes]) -> "_RsaKey":
        text = pem.decode("ascii") if isinstance(pem, bytes) else pem
        m = re.search(r"-----BEGIN (RSA )?PRIVATE KEY-----(.+?)-----END (RSA )?PRIVATE KEY-----",
                      text, re.S)
        if not m:
            raise ValueError("not a PEM RSA private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE "
                             "KEY; encrypted keys are not supported)")
        der = base64.b64decode("".join(m.group(2).split()))
        if not m.group(1):  # PKCS#8: SEQUENCE { version, AlgorithmIdentifier, OCTET STRING }
            outer = _Der(der).sequence()
            outer.integer()
            algorithm = outer.sequence()
            if algorithm.element(0x06) != _RSA_OID:
                raise ValueError("the PKCS#8 key is not an RSA key")
            der = outer.element(0x04)
        key = _Der(der).sequence()  # RSAPrivateKey (RFC 8017, A.1.2)
        key.integer()
        n, _e, d, p, q, dp, dq, qinv = (key.integer() for _ in range(8))
        return cls(n, d, p, q, dp, dq, qinv)

    def sign(self, digest_info: bytes) -> bytes:
        padding = self.size - len(digest_info) - 3
        if padding < 8:
            raise ValueError("the RSA key is too small for this hash")
        m = int.from_bytes(b"\x00\x01" + b"\xff" * padding + b"\x00" + digest_info, "big")
        s1 = pow(m, self.dp, self.p)
        s2 = pow(m, self.dq, self.q)
        s = s2 + self.q * ((self.qinv * (s1 - s2)) % self.p)
        return s.to_bytes(self.size, "big")


class _Der:
    """Just enough DER to read RSA private keys."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def element(self, tag: int) -> bytes:
        if self.pos >= len(self.data) or self.data[self.pos] != tag:
            raise ValueError("malformed key: unexpected DER element")
        length = self.data[self.pos + 1]
        self.pos += 2
        if length & 0x80:
            count = length & 0x7F
            length = int.from_bytes(self.data[self.pos:self.pos + count], "big")
            self.pos += count
        value = self.data[self.pos:self.pos + length]
        if len(value) != length:
            raise ValueError("malformed key: truncated DER element")
        self.pos += length
        return value

    def sequence(self) -> "_Der":
        return _Der(self.element(0x30))

    def integer(self) -> int:
        return int.from_bytes(self.element(0x02), "big")
