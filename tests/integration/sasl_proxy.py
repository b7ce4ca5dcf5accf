"""A SASL-terminating Kafka proxy, a test fixture only: it authenticates clients for the embedded broker.

Why it exists: Tansu 0.6.0 checks SASL itself with `--authentication`, but no user can exist on such a broker here
(test_security.py's module docstring), so a worker with *right* credentials could never be shown to work. This proxy
takes the broker's place for authentication only; every other request and answer passes through untouched.

Per connection, the proxy:
- forwards ApiVersions to the broker and relays its answer, so clients see exactly the broker's API versions;
- answers SaslHandshake (api key 17, v1) itself, offering `mechanisms` (v0, where the tokens travel without a Kafka
  header as before Kafka 1.0, is refused with UNSUPPORTED_VERSION);
- answers SaslAuthenticate (api key 36, v0-v2) itself: PLAIN (RFC 4616) and SCRAM-SHA-256/512 (the server side of
  RFC 5802 / RFC 7677, from salted credentials computed once, as a broker stores them);
- on failure answers as Apache Kafka does (UNSUPPORTED_SASL_MECHANISM with the enabled list, or
  SASL_AUTHENTICATION_FAILED with a message) and closes the connection; any other request before a successful
  authentication closes it too;
- after success, pipes bytes both ways between client and broker.

Optionally it serves TLS (SASL_SSL). It records every authentication outcome so tests can check who got in, how.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import os
import ssl
import struct
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from proxy_support import LoopbackServer, pipe

from streams.broker import LOOPBACK, free_port

API_VERSIONS = 18
SASL_HANDSHAKE = 17
SASL_AUTHENTICATE = 36
UNSUPPORTED_SASL_MECHANISM = 33
ILLEGAL_SASL_STATE = 34
UNSUPPORTED_VERSION = 35
SASL_AUTHENTICATION_FAILED = 58
SCRAM_HASHES = {"SCRAM-SHA-256": "sha256", "SCRAM-SHA-512": "sha512"}
ALL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
MAX_FRAME_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class ScramCredential:
    """What a broker keeps for a SCRAM user (never the password)."""

    salt: bytes
    iterations: int
    stored_key: bytes
    server_key: bytes

    @classmethod
    def create(cls, mechanism: str, password: str, iterations: int = 4096) -> ScramCredential:
        name = SCRAM_HASHES[mechanism]
        salt = os.urandom(16)
        salted = hashlib.pbkdf2_hmac(name, password.encode(), salt, iterations)
        client_key = hmac.new(salted, b"Client Key", name).digest()
        server_key = hmac.new(salted, b"Server Key", name).digest()
        return cls(salt, iterations, hashlib.new(name, client_key).digest(), server_key)


@dataclass(frozen=True)
class AuthEvent:
    """One authentication attempt as the proxy decided it."""

    mechanism: str
    user: str
    ok: bool
    reason: str = ""


class AuthFailedError(Exception):
    """The client's credentials (or its SASL messages) are not acceptable."""


class Scram:
    """The server side of one SCRAM exchange (RFC 5802): client-first -> server-first, client-final -> server-final."""

    def __init__(self, mechanism: str, credentials: Mapping[str, ScramCredential]):
        self.mechanism = mechanism
        self.hash = SCRAM_HASHES[mechanism]
        self.credentials = credentials
        self.user = ""
        self._auth_message = ""
        self._nonce = ""
        self._credential: ScramCredential | None = None

    def first(self, message: bytes) -> bytes:
        # gs2-header "n,," (no channel binding, no authzid) or "n,a=NAME,"; then client-first-message-bare.
        parts = message.decode("utf-8", errors="replace").split(",", 2)
        if len(parts) != 3 or parts[0] not in {"n", "y"}:
            raise AuthFailedError("malformed SCRAM client-first message")
        bare = parts[2]
        fields = _scram_fields(bare)
        self.user = fields.get("n", "").replace("=2C", ",").replace("=3D", "=")
        client_nonce = fields.get("r", "")
        self._credential = self.credentials.get(self.user)
        if self._credential is None or not client_nonce:
            raise AuthFailedError("Authentication failed during authentication due to invalid credentials")
        self._nonce = client_nonce + base64.b64encode(os.urandom(18)).decode()
        salt = base64.b64encode(self._credential.salt).decode()
        server_first = f"r={self._nonce},s={salt},i={self._credential.iterations}"
        self._auth_message = f"{bare},{server_first}"
        return server_first.encode()

    def final(self, message: bytes) -> bytes:
        assert self._credential is not None
        text = message.decode("utf-8", errors="replace")
        without_proof, _, proof_field = text.rpartition(",p=")
        fields = _scram_fields(without_proof)
        if fields.get("r") != self._nonce or not proof_field:
            raise AuthFailedError("SCRAM nonce mismatch")
        auth_message = f"{self._auth_message},{without_proof}".encode()
        signature = hmac.new(self._credential.stored_key, auth_message, self.hash).digest()
        try:
            proof = base64.b64decode(proof_field, validate=True)
        except ValueError as exc:
            raise AuthFailedError("malformed SCRAM client proof") from exc
        client_key = bytes(a ^ b for a, b in zip(proof, signature, strict=False))
        if len(proof) != len(signature) or not hmac.compare_digest(
            hashlib.new(self.hash, client_key).digest(), self._credential.stored_key
        ):
            raise AuthFailedError("Authentication failed during authentication due to invalid credentials")
        server_signature = hmac.new(self._credential.server_key, auth_message, self.hash).digest()
        return b"v=" + base64.b64encode(server_signature)


def _scram_fields(message: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in message.split(",") if "=" in part)


def _check_plain(token: bytes, passwords: Mapping[str, str]) -> str:
    """RFC 4616: [authzid] NUL authcid NUL passwd; returns the user or raises."""
    parts = token.split(b"\0")
    if len(parts) != 3:
        raise AuthFailedError("malformed PLAIN message")
    authzid, user_bytes, password = (p.decode("utf-8", errors="replace") for p in parts)
    expected = passwords.get(user_bytes)
    if expected is None or not hmac.compare_digest(expected.encode(), password.encode()):
        raise AuthFailedError("Authentication failed: Invalid username or password")
    if authzid and authzid != user_bytes:
        raise AuthFailedError("Authentication failed: authorization id must match the user name")
    return user_bytes


# --- Kafka framing: just enough of the request/response headers for the three APIs handled here


@dataclass
class Request:
    api_key: int
    api_version: int
    correlation_id: int
    body: bytes


def _parse_request(frame: bytes, flexible: bool) -> Request:
    api_key, api_version, correlation_id, client_id_len = struct.unpack_from(">hhih", frame, 0)
    offset = 10 + max(client_id_len, 0)
    if flexible:
        offset = _skip_tagged_fields(frame, offset)
    return Request(api_key, api_version, correlation_id, frame[offset:])


def _read_uvarint(data: bytes, offset: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, offset
        shift += 7


def _uvarint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _skip_tagged_fields(data: bytes, offset: int) -> int:
    count, offset = _read_uvarint(data, offset)
    for _ in range(count):
        _, offset = _read_uvarint(data, offset)
        size, offset = _read_uvarint(data, offset)
        offset += size
    return offset


def _string(value: str | None) -> bytes:
    if value is None:
        return struct.pack(">h", -1)
    raw = value.encode()
    return struct.pack(">h", len(raw)) + raw


def _handshake_response(correlation_id: int, error_code: int, mechanisms: tuple[str, ...]) -> bytes:
    body = struct.pack(">ih", correlation_id, error_code) + struct.pack(">i", len(mechanisms))
    return body + b"".join(_string(m) for m in mechanisms)


def _authenticate_response(request: Request, error_code: int, message: str | None, auth_bytes: bytes) -> bytes:
    if request.api_version >= 2:  # flexible: compact fields and tagged-field sections
        error = b"\0" if message is None else _uvarint(len(message.encode()) + 1) + message.encode()
        body = struct.pack(">h", error_code) + error + _uvarint(len(auth_bytes) + 1) + auth_bytes
        return struct.pack(">i", request.correlation_id) + b"\0" + body + struct.pack(">q", 0) + b"\0"
    body = struct.pack(">h", error_code) + _string(message) + struct.pack(">i", len(auth_bytes)) + auth_bytes
    if request.api_version >= 1:
        body += struct.pack(">q", 0)  # session_lifetime_ms: no re-authentication required
    return struct.pack(">i", request.correlation_id) + body


def _authenticate_bytes(request: Request) -> bytes:
    if request.api_version >= 2:
        size, offset = _read_uvarint(request.body, 0)
        return request.body[offset : offset + size - 1]
    (size,) = struct.unpack_from(">i", request.body, 0)
    return request.body[4 : 4 + size]


async def _read_frame(reader: asyncio.StreamReader) -> bytes | None:
    try:
        header = await reader.readexactly(4)
        (size,) = struct.unpack(">i", header)
        if not 0 <= size <= MAX_FRAME_BYTES:
            return None
        return await reader.readexactly(size)
    except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
        return None


def _write_frame(writer: asyncio.StreamWriter, payload: bytes) -> None:
    writer.write(struct.pack(">i", len(payload)) + payload)


class _Session:
    """One client connection: the SASL state machine, then a byte pipe to the broker."""

    def __init__(self, proxy: SaslProxy, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.proxy, self.reader, self.writer = proxy, reader, writer
        self.upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.mechanism: str | None = None
        self.scram: Scram | None = None
        self.authenticated = False

    async def run(self) -> None:
        try:
            try:
                authenticated = await self._authenticate()
            except (struct.error, IndexError, ValueError):  # a frame too short for what its header announces
                self.proxy.record(AuthEvent(self.mechanism or "", "", False, "malformed request"))
                authenticated = False
            if authenticated:
                reader, writer = await self._broker()
                await asyncio.gather(pipe(self.reader, writer), pipe(reader, self.writer))
        finally:
            for w in (self.writer, *(() if self.upstream is None else (self.upstream[1],))):
                with contextlib.suppress(Exception):
                    w.close()

    async def _broker(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self.upstream is None:
            self.upstream = await asyncio.open_connection(LOOPBACK, self.proxy.target_port)
        return self.upstream

    async def _authenticate(self) -> bool:
        """True once the client authenticated; False if the connection must end."""
        while True:
            frame = await _read_frame(self.reader)
            if frame is None:
                return False
            api_key, api_version = struct.unpack_from(">hh", frame, 0)
            request = _parse_request(frame, flexible=api_key == SASL_AUTHENTICATE and api_version >= 2)
            if api_key == API_VERSIONS:
                reader, writer = await self._broker()
                _write_frame(writer, frame)
                await writer.drain()
                answer = await _read_frame(reader)
                if answer is None:
                    return False
                _write_frame(self.writer, answer)
            elif api_key == SASL_HANDSHAKE and self.mechanism is None:
                (size,) = struct.unpack_from(">h", request.body, 0)
                wanted = request.body[2 : 2 + size].decode("utf-8", errors="replace")
                offered = self.proxy.mechanisms
                if wanted not in offered:
                    self.proxy.record(AuthEvent(wanted, "", False, "mechanism not enabled"))
                    _write_frame(
                        self.writer, _handshake_response(request.correlation_id, UNSUPPORTED_SASL_MECHANISM, offered)
                    )
                    await self.writer.drain()
                    return False
                if request.api_version == 0:
                    # v0 sends the tokens without a Kafka header (Kafka before 1.0); clients since use v1.
                    self.proxy.record(AuthEvent(wanted, "", False, "SaslHandshake v0 not supported"))
                    _write_frame(self.writer, _handshake_response(request.correlation_id, UNSUPPORTED_VERSION, ()))
                    await self.writer.drain()
                    return False
                self.mechanism = wanted
                _write_frame(self.writer, _handshake_response(request.correlation_id, 0, offered))
            elif api_key == SASL_AUTHENTICATE and self.mechanism is not None:
                if request.api_version > 2:
                    _write_frame(self.writer, _authenticate_response(request, UNSUPPORTED_VERSION, None, b""))
                    await self.writer.drain()
                    return False
                try:
                    answer = self._step_or_raise(_authenticate_bytes(request))
                except AuthFailedError as exc:
                    message = f"{exc} with SASL mechanism {self.mechanism}"
                    _write_frame(self.writer, _authenticate_response(request, SASL_AUTHENTICATION_FAILED, message, b""))
                    await self.writer.drain()
                    return False
                _write_frame(self.writer, _authenticate_response(request, 0, None, answer))
                await self.writer.drain()
                if self.authenticated:
                    return True
                continue
            else:
                # Apache Kafka closes a connection that sends anything else before authenticating.
                self.proxy.record(AuthEvent(self.mechanism or "", "", False, f"api key {api_key} before auth"))
                return False
            await self.writer.drain()

    def _step_or_raise(self, token: bytes) -> bytes:
        mechanism = self.mechanism
        assert mechanism is not None
        try:
            if mechanism == "PLAIN":
                user = _check_plain(token, self.proxy.users)
                self.authenticated = True
                self.proxy.record(AuthEvent(mechanism, user, True))
                return b""
            if self.scram is None:
                self.scram = Scram(mechanism, self.proxy.scram_credentials(mechanism))
                return self.scram.first(token)
            answer = self.scram.final(token)
            self.authenticated = True
            self.proxy.record(AuthEvent(mechanism, self.scram.user, True))
            return answer
        except AuthFailedError as exc:
            user = self.scram.user if self.scram else _plain_user(token)
            self.proxy.record(AuthEvent(mechanism, user, False, str(exc)))
            raise


def _plain_user(token: bytes) -> str:
    parts = token.split(b"\0")
    return parts[1].decode("utf-8", errors="replace") if len(parts) == 3 else ""


@dataclass
class SaslProxy:
    """Listens on `port` (TLS when `cert_and_key` is given), authenticates, then forwards to `target_port`."""

    target_port: int
    users: Mapping[str, str]
    mechanisms: tuple[str, ...] = ALL_MECHANISMS
    cert_and_key: tuple[Path, Path] | None = None
    port: int = field(default_factory=free_port)
    events: list[AuthEvent] = field(default_factory=list)
    _credentials: dict[str, dict[str, ScramCredential]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: LoopbackServer | None = None

    def __post_init__(self) -> None:
        for mechanism in SCRAM_HASHES:
            self._credentials[mechanism] = {u: ScramCredential.create(mechanism, p) for u, p in self.users.items()}

    def scram_credentials(self, mechanism: str) -> Mapping[str, ScramCredential]:
        return self._credentials[mechanism]

    def record(self, event: AuthEvent) -> None:
        with self._lock:
            self.events.append(event)

    def accepted(self) -> list[AuthEvent]:
        with self._lock:
            return [e for e in self.events if e.ok]

    def refused(self) -> list[AuthEvent]:
        with self._lock:
            return [e for e in self.events if not e.ok]

    @property
    def url(self) -> str:
        return f"kafka://{LOOPBACK}:{self.port}"

    def __enter__(self) -> SaslProxy:
        context = None
        if self.cert_and_key is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*self.cert_and_key)

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await _Session(self, reader, writer).run()

        self._server = LoopbackServer("sasl-proxy", self.port, handle, context)
        self._server.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._server is not None:
            self._server.stop()
