"""Stopping the child processes wirefuse starts (the embedded broker, workers): SIGTERM, then SIGKILL."""

from __future__ import annotations

import signal
import subprocess


def stop_process(process: subprocess.Popen[bytes], timeout_s: float = 30.0) -> int:
    """SIGTERM (Faust commits and stops cleanly), then SIGKILL if it does not exit in time."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            pass
        finally:
            # Also when a second Ctrl-C or SIGTERM interrupts the wait: the process must not outlive its starter.
            if process.poll() is None:
                process.kill()
                process.wait()
    return process.returncode
