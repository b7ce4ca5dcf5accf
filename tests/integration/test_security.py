"""TLS and SASL between worker and broker, as far as the embedded Tansu 0.6.0 broker allows (docs/reliability.md).

What Tansu 0.6.0 does (measured, pinned by the tests below):
- `--cert` and `--key` cannot be given together (its argument parser rejects the pair), and with `--cert` alone it
  still speaks plaintext: the broker cannot terminate TLS. The TLS test puts a TLS-terminating proxy (with the
  generated certificate) in front of it instead, so the worker's TLS client path is exercised for real.
- `--authentication` makes every connection authenticate; it offers SCRAM-SHA-256/512 only (PLAIN is refused).
  Users are created with `tansu user create`, which itself needs a connection the broker accepts: against an
  authenticating broker it is refused, and the memory-only storage cannot carry users over from a broker without
  `--authentication`. So no user can exist, and a worker with right SCRAM credentials cannot be shown to work here.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import ssl
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
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

from streams import topics
from streams.broker import LOOPBACK, EmbeddedBroker, broker_binary, free_port, wait_for_port
from streams.kafka import create_topics
from streams.settings import Settings

pytestmark = pytest.mark.integration
FAIL_FAST_TIMEOUT_S = 120.0
TLS_RUN_TIMEOUT_S = 600.0


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
    worker = WorkerProcess(name, authenticating_broker.url, tmp_path, extra).start()
    try:
        code = worker.wait(FAIL_FAST_TIMEOUT_S)
    finally:
        worker.stop()
    log = worker.log_tail()
    assert code == 2, log
    assert f"wirefuse: {expected}:" in log, log
    assert "authenticat" in log.split(f"wirefuse: {expected}:")[1], log


def test_worker_with_tls_to_a_broker_that_does_not_speak_tls_stops_with_a_clear_error(
    certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    cert, _ = certificate
    with EmbeddedBroker(log_path=tmp_path / "tansu.log") as broker:
        extra = {"WIREFUSE_SECURITY_PROTOCOL": "SSL", "WIREFUSE_SSL_CAFILE": str(cert)}
        worker = WorkerProcess("tls-to-plaintext", broker.url, tmp_path, extra).start()
        try:
            code = worker.wait(FAIL_FAST_TIMEOUT_S)
        finally:
            worker.stop()
    assert code == 2, worker.log_tail()
    assert "wirefuse: tls_failed:" in worker.log_tail()


# --- a worker over TLS processes articles (TLS terminated by a proxy in front of Tansu)


@dataclass
class TlsProxy:
    """Accepts TLS on `port` with the given certificate and forwards the plaintext to `target_port`."""

    cert: Path
    key: Path
    target_port: int
    port: int = field(default_factory=free_port)
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _thread: threading.Thread | None = None

    def __enter__(self) -> TlsProxy:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        started = threading.Event()

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, ssl.SSLError):
                pass
            finally:
                writer.close()

        async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
            broker_reader, broker_writer = await asyncio.open_connection(LOOPBACK, self.target_port)
            await asyncio.gather(pipe(client_reader, broker_writer), pipe(broker_reader, client_writer))

        async def serve() -> None:
            server = await asyncio.start_server(handle, LOOPBACK, self.port, ssl=context)
            started.set()
            async with server:
                await server.serve_forever()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            with contextlib.suppress(asyncio.CancelledError):
                self._loop.run_until_complete(serve())

        self._thread = threading.Thread(target=run, name="tls-proxy", daemon=True)
        self._thread.start()
        assert started.wait(10), "TLS proxy did not start"
        return self

    def __exit__(self, *exc_info: object) -> None:
        def cancel_all() -> None:
            for task in asyncio.all_tasks(self._loop):
                task.cancel()

        self._loop.call_soon_threadsafe(cancel_all)
        if self._thread is not None:
            self._thread.join(10)


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
