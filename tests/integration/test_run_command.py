"""`wirefuse run` (what `make run` starts): stopped with SIGTERM, it stops the worker and the broker it started."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from streams.broker import free_port
from streams.cli import process_tree
from streams.processes import stop_process

STARTED_TIMEOUT_S = 180.0


@pytest.mark.parametrize(
    "stop_at",
    [
        pytest.param("INCIDENT ", id="while-following-the-outputs"),
        pytest.param("worker 0 started", id="while-starting"),
    ],
)
def test_sigterm_stops_the_workers_and_the_broker_it_started(stop_at: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREFUSE_")}
    env["WIREFUSE_WEB_PORT"] = str(free_port())
    env["WIREFUSE_CACHE_DIR"] = os.environ.get("WIREFUSE_CACHE_DIR", str(Path(".cache/wirefuse").resolve()))
    run = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    broker_port = worker_pid = None
    family: list[int] = []
    lines: list[str] = []
    try:
        assert run.stdout is not None
        # Read its output up to the moment to stop it at: the first incident record (the broker, the worker and its
        # tagging processes run) or the worker's start (its models still loading, no seed sent).
        for raw in run.stdout:
            line = raw.decode(errors="replace")
            lines.append(line)
            if found := re.search(r"embedded broker on [\d.]+:(\d+)", line):
                broker_port = int(found.group(1))
            if found := re.search(r"worker 0 started \(pid (\d+)", line):
                worker_pid = int(found.group(1))
            if line.startswith(stop_at):
                break
        assert broker_port and worker_pid, "".join(lines)
        # Keep reading, or a full pipe would block the run's own prints while it stops.
        drain = threading.Thread(target=lambda: lines.extend(r.decode(errors="replace") for r in run.stdout or ()))
        drain.start()
        family = process_tree(run.pid)
        assert worker_pid in family
        if stop_at.startswith("INCIDENT"):
            assert len(process_tree(worker_pid)) > 1, "the worker runs tagging processes"
        run.send_signal(signal.SIGTERM)
        try:
            exit_code = run.wait(STARTED_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {STARTED_TIMEOUT_S:.0f} s after SIGTERM\n{_diagnosis(family, lines)}")
        drain.join(STARTED_TIMEOUT_S)
        assert exit_code == 0, "".join(lines[-20:])
        # It says what it stopped and how long each took.
        assert any(line.startswith("worker 0 stopped (") for line in lines), "".join(lines[-20:])
        assert any(line.startswith("embedded broker stopped (") for line in lines), "".join(lines[-20:])
    finally:
        if run.poll() is None:
            stop_process(run)
    # Every process it started has exited (none left as an orphan), and nothing listens on the broker's port.
    alive = [pid for pid in family if pid != run.pid and os.path.exists(f"/proc/{pid}") and _not_zombie(pid)]
    for pid in alive:  # so that a failure here leaves no orphans behind
        os.kill(pid, signal.SIGKILL)
    assert alive == []
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", broker_port)) != 0


def _diagnosis(family: list[int], lines: list[str]) -> str:
    """Where a run that does not stop is stuck: the Python stacks of its processes, its output, its worker's log."""
    py_spy = Path(sys.executable).with_name("py-spy")
    parts = []
    for pid in family:
        dump = subprocess.run([py_spy, "dump", "--pid", str(pid)], capture_output=True, text=True, check=False)
        parts.append(f"--- py-spy dump of {pid}:\n{dump.stdout}{dump.stderr}")
    parts.append("--- its output:\n" + "".join(lines[-40:]))
    for log in re.findall(r"log (\S+)\)", "".join(lines)):
        if Path(log).exists():
            parts.append(f"--- the end of {log}:\n{Path(log).read_text(errors='replace')[-4000:]}")
    return "\n".join(parts)


def _not_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
