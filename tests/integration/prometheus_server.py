"""A real Prometheus server (Debian's package) on loopback with a temporary data dir, for scrape tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

from streams.broker import free_port, wait_for_port


class PrometheusServer:
    """Scrapes the given targets every second; `query` asks its HTTP API."""

    def __init__(self, workdir: Path, targets: list[str]) -> None:
        self.workdir = workdir
        self.targets = targets
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PrometheusServer:
        binary = shutil.which("prometheus")
        if binary is None:
            raise RuntimeError("Debian package 'prometheus' is not installed (make system-deps)")
        config = self.workdir / "prometheus.yml"
        config.write_text(
            "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
            "scrape_configs:\n"
            f"  - job_name: wirefuse\n    static_configs: [{{targets: {json.dumps(self.targets)}}}]\n"
        )
        self.process = subprocess.Popen(
            [
                binary,
                f"--config.file={config}",
                f"--storage.tsdb.path={self.workdir / 'data'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / "prometheus.log", "wb"),
        )
        wait_for_port("127.0.0.1", self.port, 30.0)
        self._wait_ready(60.0)
        return self

    def _wait_ready(self, timeout_s: float) -> None:
        """The HTTP port opens before the TSDB is ready; queries answer 503 until /-/ready says 200."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/ready", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)  # polling a server that is starting; not used to order our own events

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(30)

    def query(self, promql: str) -> list[dict[str, Any]]:
        url = f"http://127.0.0.1:{self.port}/api/v1/query?" + urllib.parse.urlencode({"query": promql})
        with urllib.request.urlopen(url, timeout=5) as response:
            body = json.loads(response.read())
        assert body["status"] == "success", body
        result: list[dict[str, Any]] = body["data"]["result"]
        return result

    def wait_for_value(self, promql: str, expected: float, timeout_s: float = 60.0) -> float:
        """Poll until the (single-series) query equals `expected`; returns the last value seen."""
        deadline = time.monotonic() + timeout_s
        value = float("nan")
        while time.monotonic() < deadline:
            result = self.query(promql)
            if result:
                value = float(result[0]["value"][1])
                if value == expected:
                    return value
            time.sleep(0.5)  # waiting for Prometheus's next scrape, not ordering our own events
        return value
