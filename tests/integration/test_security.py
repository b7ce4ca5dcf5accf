"""TLS and SASL between worker and broker, as far as the embedded Tansu 0.6.0 broker allows (docs/reliability.md).

What Tansu 0.6.0 does (measured, pinned by the tests below):
- `--cert` and `--key` cannot be given together (its argument parser rejects the pair), and with `--cert` alone it
  still speaks plaintext: the broker cannot terminate TLS. The TLS test puts a TLS-terminating proxy (with the
  generated certificate) in front of it instead, so the worker's TLS client path is exercised for real.
- `--authentication` makes every connection authenticate; it offers SCRAM-SHA-256/512 only (PLAIN is refused).
  Users are created with `tansu user create`, which itself needs a connection the broker accepts: against an
  authenticating broker it is refused. On a broker without `--authentication` it succeeds, but the user is kept in
  the broker process only: the storage engines this build has are `memory://` and `s3://` (`file://` is refused),
  and with `s3://` storage the creation writes nothing to the object store (pinned below against a stand-in S3
  endpoint that records requests), so no restart with `--authentication` can find the user. No user can exist on
  an authenticating Tansu here, so the broker's own SCRAM check cannot accept anyone.

So the worker-with-right-credentials tests put `sasl_proxy.SaslProxy` (a test fixture, never production code) in
front of a Tansu broker without `--authentication`: the proxy stands in for the broker's authentication. It relays
the broker's ApiVersions answer, answers SaslHandshake and SaslAuthenticate itself (PLAIN, and the server side of
SCRAM-SHA-256/512 from salted credentials), refuses like Apache Kafka does (UNSUPPORTED_SASL_MECHANISM,
SASL_AUTHENTICATION_FAILED, connection closed), and forwards every other request to the broker only after a
successful authentication; the broker advertises the proxy's address, so every connection a client opens goes
through it. With the generated certificate it also terminates TLS (SASL_SSL). What this shows: wirefuse's worker,
with SASL_PLAINTEXT or SASL_SSL and PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 settings, authenticates every Kafka
connection it opens and processes articles; with wrong credentials it stops with `authentication_failed`. What it
cannot show: Tansu's own SCRAM server accepting a user (the wrong-credential tests against Tansu itself stay).
"""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import os
import shutil
import ssl
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from faults_support import (
    Collected,
    Message,
    WorkerProcess,
    collect_until,
    enriched_ids,
    produce,
    synthetic_article,
)
from proxy_support import LoopbackServer, pipe
from sasl_proxy import SaslProxy

from streams import topics
from streams.broker import LOOPBACK, EmbeddedBroker, broker_binary, free_port, wait_for_port
from streams.kafka import create_topics
from streams.settings import Settings

pytestmark = pytest.mark.integration
FAIL_FAST_TIMEOUT_S = 120.0
TLS_RUN_TIMEOUT_S = 600.0
# Below pytest's 600 s per test: a worker start on a cold page cache under load took over 2 minutes here.
SASL_RUN_TIMEOUT_S = 480.0


def exit_of_worker(name: str, url: str, tmp_path: Path, extra: dict[str, str]) -> tuple[int | None, str]:
    """Start a worker that is expected to give up, wait for it, and return its exit code and the end of its log."""
    worker = WorkerProcess(name, url, tmp_path, extra).start()
    try:
        code = worker.wait(FAIL_FAST_TIMEOUT_S)
    finally:
        worker.stop()
    return code, worker.log_tail()


def assert_stopped_with(code: int | None, log: str, error: str, *, about: str | None = None) -> None:
    """Exit code 2 and the one-line `wirefuse: <error>: ...` message (naming `about` when given)."""
    assert code == 2, log
    assert f"wirefuse: {error}:" in log, log
    if about is not None:
        assert about in log.split(f"wirefuse: {error}:")[1], log


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (and localhost), generated with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to generate the test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


# --- what the embedded broker can and cannot do


def test_tansu_refuses_a_certificate_together_with_its_key(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    port = free_port()
    done = subprocess.run(
        [
            broker_binary(),
            "broker",
            "--listener-url",
            f"tcp://{LOOPBACK}:{port}",
            "--storage-engine",
            "memory://tansu/",
            "--cert",
            str(cert),
            "--key",
            str(key),
        ],
        capture_output=True,
        timeout=30,
        check=False,
    )
    # If this fails, the broker can now serve TLS itself: replace the proxy below with the broker's own listener.
    assert done.returncode != 0
    assert b"cannot be used with" in done.stderr


def test_no_scram_user_can_be_created_on_an_authenticating_broker(tmp_path: Path) -> None:
    with EmbeddedBroker(extra_args=("--authentication",), log_path=tmp_path / "tansu.log") as broker:
        done = subprocess.run(
            [broker_binary(), "user", "create", "--broker", f"tcp://{broker.bootstrap}", "wirefuse", "secret"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    # If this fails, users can be created: add the worker-with-right-credentials test (module docstring).
    assert done.returncode != 0


class _RecordingS3(http.server.BaseHTTPRequestHandler):
    """Stands in for an S3 endpoint: records every request (method, path, body) and answers 404."""

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append((self.command, self.path, body))  # type: ignore[attr-defined]
        self.send_response(404)
        self.send_header("content-length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_created_user_is_not_written_to_the_storage(tmp_path: Path) -> None:
    """`tansu user create` on a broker without --authentication succeeds, but nothing reaches the object store."""
    s3 = http.server.ThreadingHTTPServer((LOOPBACK, 0), _RecordingS3)
    requests: list[tuple[str, str, bytes]] = []
    s3.requests = requests  # type: ignore[attr-defined]
    threading.Thread(target=s3.serve_forever, name="recording-s3", daemon=True).start()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | {
        "AWS_ENDPOINT": f"http://{LOOPBACK}:{s3.server_address[1]}",
        "AWS_ALLOW_HTTP": "true",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    command = [broker_binary(), "broker", "--listener-url", f"tcp://{LOOPBACK}:{port}"]
    command += ["--advertised-listener-url", f"tcp://{LOOPBACK}:{port}", "--storage-engine", "s3://tansu/"]
    with open(tmp_path / "tansu.log", "wb") as log:
        broker = subprocess.Popen(command, stdout=log, stderr=log, env=env)
    try:
        wait_for_port(LOOPBACK, port, 15.0, broker)
        created = subprocess.run(
            [broker_binary(), "user", "create", "--broker", f"tcp://{LOOPBACK}:{port}", "wirefuse", "secret"],
            capture_output=True,
            timeout=30,
            check=False,
        )
        during_user_create = list(requests)
        # Control: a topic creation does write to the store (the S3 stand-in refuses it, so the command fails).
        subprocess.run(
            [broker_binary(), "topic", "create", "--broker", f"tcp://{LOOPBACK}:{port}", "control-topic"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    finally:
        broker.terminate()
        broker.wait(10)
        s3.shutdown()
        s3.server_close()
    assert created.returncode == 0, created.stderr
    writes = [(method, path, body) for method, path, body in requests if method in {"PUT", "POST"}]
    assert any("control-topic" in body.decode(errors="replace") for _, _, body in writes), requests
    # If this fails, Tansu keeps users in its storage: create the user, restart with --authentication on the same
    # storage, and test the broker's own SCRAM instead of the SASL proxy (module docstring).
    assert not [r for r in during_user_create if r[0] in {"PUT", "POST"}], during_user_create
    assert not [w for w in writes if b"wirefuse" in w[2] or "wirefuse" in w[1]], writes


# --- the worker stops at once, and says why, when the broker refuses it


@pytest.fixture(scope="module")
def authenticating_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    log = tmp_path_factory.mktemp("auth-broker") / "tansu.log"
    with EmbeddedBroker(extra_args=("--authentication",), log_path=log) as broker:
        yield broker


@pytest.mark.parametrize(
    ("name", "env", "expected"),
    [
        (
            "scram-wrong-password",
            {"SECURITY_PROTOCOL": "SASL_PLAINTEXT", "SASL_MECHANISM": "SCRAM-SHA-512", "SASL_USERNAME": "wirefuse"},
            "authentication_failed",
        ),
        (
            "scram256-unknown-user",
            {"SECURITY_PROTOCOL": "SASL_PLAINTEXT", "SASL_MECHANISM": "SCRAM-SHA-256", "SASL_USERNAME": "nobody"},
            "authentication_failed",
        ),
        (
            "plain-mechanism-not-offered",
            {"SECURITY_PROTOCOL": "SASL_PLAINTEXT", "SASL_MECHANISM": "PLAIN", "SASL_USERNAME": "wirefuse"},
            "authentication_failed",
        ),
        ("no-credentials", {"SECURITY_PROTOCOL": "PLAINTEXT"}, "broker_unreachable"),
    ],
)
def test_worker_with_wrong_credentials_stops_with_a_clear_error(
    authenticating_broker: EmbeddedBroker, tmp_path: Path, name: str, env: dict[str, str], expected: str
) -> None:
    extra = {f"WIREFUSE_{k}": v for k, v in env.items()} | {"WIREFUSE_SASL_PASSWORD": "wrong-password"}
    code, log = exit_of_worker(name, authenticating_broker.url, tmp_path, extra)
    assert_stopped_with(code, log, expected, about="authenticat")


def test_worker_with_tls_to_a_broker_that_does_not_speak_tls_stops_with_a_clear_error(
    certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    cert, _ = certificate
    with EmbeddedBroker(log_path=tmp_path / "tansu.log") as broker:
        extra = {"WIREFUSE_SECURITY_PROTOCOL": "SSL", "WIREFUSE_SSL_CAFILE": str(cert)}
        code, log = exit_of_worker("tls-to-plaintext", broker.url, tmp_path, extra)
    assert_stopped_with(code, log, "tls_failed")


# --- a worker over TLS processes articles (TLS terminated by a proxy in front of Tansu)


@dataclass
class TlsProxy:
    """Accepts TLS on `port` with the given certificate and forwards the plaintext to `target_port`."""

    cert: Path
    key: Path
    target_port: int
    port: int = field(default_factory=free_port)
    _server: LoopbackServer | None = None

    def __enter__(self) -> TlsProxy:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)

        async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
            broker_reader, broker_writer = await asyncio.open_connection(LOOPBACK, self.target_port)
            await asyncio.gather(pipe(client_reader, broker_writer), pipe(broker_reader, client_writer))

        self._server = LoopbackServer("tls-proxy", self.port, handle, context)
        self._server.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._server is not None:
            self._server.stop()


def test_worker_over_tls_processes_articles(certificate: tuple[Path, Path], settings: Settings, tmp_path: Path) -> None:
    cert, key = certificate
    broker_port = free_port()
    with TlsProxy(cert, key, broker_port) as proxy:
        # Clients are told to come back through the proxy, so every connection after bootstrap is TLS too.
        advertised = f"tcp://{LOOPBACK}:{proxy.port}"
        command = [broker_binary(), "broker", "--listener-url", f"tcp://{LOOPBACK}:{broker_port}"]
        command += ["--advertised-listener-url", advertised, "--storage-engine", "memory://tansu/"]
        with open(tmp_path / "tansu.log", "wb") as log:
            broker = subprocess.Popen(command, stdout=log, stderr=log)
        try:
            wait_for_port(LOOPBACK, broker_port, 15.0, broker)
            url = f"kafka://{LOOPBACK}:{proxy.port}"
            tls = settings.replace(security_protocol="SSL", ssl_cafile=cert, partitions=2)
            asyncio.run(create_topics(tls, url))
            articles = [synthetic_article(n, "tls") for n in range(5)]
            asyncio.run(produce(tls, url, topics.RAW_ARTICLES, [Message(i.encode(), v) for i, v in articles]))
            extra = {"WIREFUSE_SECURITY_PROTOCOL": "SSL", "WIREFUSE_SSL_CAFILE": str(cert), "WIREFUSE_PARTITIONS": "2"}
            worker = WorkerProcess("tls", url, tmp_path, extra).start()
            try:
                wanted = {article_id for article_id, _ in articles}

                def all_enriched(seen: Collected) -> bool:
                    return wanted <= set(enriched_ids(seen))

                collected = asyncio.run(
                    collect_until(tls, url, [topics.ENRICHED_ARTICLES], all_enriched, TLS_RUN_TIMEOUT_S, [worker])
                )
                assert set(enriched_ids(collected)) == wanted
                assert_web_port_is_read_only(worker.web_port)
            finally:
                assert worker.stop() == 0, worker.log_tail()
        finally:
            broker.terminate()
            broker.wait(10)


# --- SASL that succeeds: a SASL-terminating proxy stands in for the broker's authentication (module docstring)

SASL_USERS = {"wirefuse": "worker-secret-1", "admin": "admin-secret-2"}
ALL_SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


@contextlib.contextmanager
def sasl_front(
    tmp_path: Path,
    cert_and_key: tuple[Path, Path] | None,
    mechanisms: tuple[str, ...] = ALL_SASL_MECHANISMS,
    users: Mapping[str, str] = SASL_USERS,
) -> Iterator[SaslProxy]:
    """A Tansu broker (no --authentication) that clients reach only through a SASL proxy, which it advertises."""
    broker_port = free_port()
    with SaslProxy(broker_port, users, mechanisms, cert_and_key) as proxy:
        command = [broker_binary(), "broker", "--listener-url", f"tcp://{LOOPBACK}:{broker_port}"]
        command += [
            "--advertised-listener-url",
            f"tcp://{LOOPBACK}:{proxy.port}",
            "--storage-engine",
            "memory://tansu/",
        ]
        with open(tmp_path / "tansu.log", "wb") as log:
            broker = subprocess.Popen(command, stdout=log, stderr=log)
        try:
            wait_for_port(LOOPBACK, broker_port, 15.0, broker)
            yield proxy
        finally:
            broker.terminate()
            broker.wait(10)


def sasl_worker_env(protocol: str, mechanism: str, user: str, password: str, cafile: Path | None) -> dict[str, str]:
    env = {
        "WIREFUSE_SECURITY_PROTOCOL": protocol,
        "WIREFUSE_SASL_MECHANISM": mechanism,
        "WIREFUSE_SASL_USERNAME": user,
        "WIREFUSE_SASL_PASSWORD": password,
        "WIREFUSE_PARTITIONS": "2",
    }
    if cafile is not None:
        env["WIREFUSE_SSL_CAFILE"] = str(cafile)
    return env


@pytest.mark.parametrize(
    ("name", "protocol", "mechanism"),
    [
        ("scram512-tls", "SASL_SSL", "SCRAM-SHA-512"),
        ("scram256", "SASL_PLAINTEXT", "SCRAM-SHA-256"),
        ("plain-tls", "SASL_SSL", "PLAIN"),
    ],
)
def test_worker_with_right_credentials_processes_articles(
    certificate: tuple[Path, Path], settings: Settings, tmp_path: Path, name: str, protocol: str, mechanism: str
) -> None:
    cert, key = certificate
    tls = protocol == "SASL_SSL"
    with sasl_front(tmp_path, (cert, key) if tls else None) as proxy:
        # The test's own clients log in as another user, so the worker's logins can be told apart.
        client = settings.replace(
            security_protocol=protocol,
            sasl_mechanism=mechanism,
            sasl_username="admin",
            sasl_password=SASL_USERS["admin"],
            ssl_cafile=cert if tls else None,
            partitions=2,
        )
        asyncio.run(create_topics(client, proxy.url))
        articles = [synthetic_article(n, name) for n in range(5)]
        asyncio.run(produce(client, proxy.url, topics.RAW_ARTICLES, [Message(i.encode(), v) for i, v in articles]))
        extra = sasl_worker_env(protocol, mechanism, "wirefuse", SASL_USERS["wirefuse"], cert if tls else None)
        worker = WorkerProcess(name, proxy.url, tmp_path, extra).start()
        try:
            wanted = {article_id for article_id, _ in articles}

            def all_enriched(seen: Collected) -> bool:
                return wanted <= set(enriched_ids(seen))

            collected = asyncio.run(
                collect_until(client, proxy.url, [topics.ENRICHED_ARTICLES], all_enriched, SASL_RUN_TIMEOUT_S, [worker])
            )
            assert set(enriched_ids(collected)) == wanted
        finally:
            code = worker.stop()
        assert code == 0, worker.log_tail()
    worker_logins = [event for event in proxy.accepted() if event.user == "wirefuse"]
    # Faust's consumer, producer and admin clients each authenticated, every time with the configured mechanism.
    assert len(worker_logins) >= 2, proxy.events
    assert {event.mechanism for event in worker_logins} == {mechanism}
    assert proxy.refused() == [], proxy.refused()
    assert "authentication_failed" not in worker.log_tail(20_000)


@pytest.mark.parametrize(
    ("name", "protocol", "mechanism", "user", "password", "offered"),
    [
        ("front-scram512-wrong-password", "SASL_SSL", "SCRAM-SHA-512", "wirefuse", "wrong-password", None),
        ("front-scram256-unknown-user", "SASL_PLAINTEXT", "SCRAM-SHA-256", "nobody", "worker-secret-1", None),
        ("front-plain-wrong-password", "SASL_PLAINTEXT", "PLAIN", "wirefuse", "wrong-password", None),
        ("front-plain-not-enabled", "SASL_PLAINTEXT", "PLAIN", "wirefuse", "worker-secret-1", ("SCRAM-SHA-512",)),
    ],
)
def test_worker_with_wrong_credentials_is_refused_by_the_sasl_front(
    certificate: tuple[Path, Path],
    tmp_path: Path,
    name: str,
    protocol: str,
    mechanism: str,
    user: str,
    password: str,
    offered: tuple[str, ...] | None,
) -> None:
    cert, key = certificate
    tls = protocol == "SASL_SSL"
    with sasl_front(tmp_path, (cert, key) if tls else None, offered or ALL_SASL_MECHANISMS) as proxy:
        extra = sasl_worker_env(protocol, mechanism, user, password, cert if tls else None)
        code, log = exit_of_worker(name, proxy.url, tmp_path, extra)
    assert_stopped_with(code, log, "authentication_failed", about="authenticat")
    assert proxy.accepted() == []
    assert [(e.mechanism, e.user) for e in proxy.refused()][:1] in ([(mechanism, user)], [(mechanism, "")]), (
        proxy.events
    )


# Faust's own pages plus ours; none may change state.
WEB_PATHS = ("/", "/metrics", "/healthz", "/router/", "/graph/", "/stats/", "/assignment/", "/table/incident-records/")


def assert_web_port_is_read_only(web_port: int) -> None:
    """Every page answers GET (or 404); every method that could change state is refused."""
    with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/metrics", timeout=10) as response:
        assert response.status == 200
    for path in WEB_PATHS:
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            request = urllib.request.Request(f"http://127.0.0.1:{web_port}{path}", data=b"{}", method=method)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            assert status in {404, 405}, f"{method} {path} answered {status}"
