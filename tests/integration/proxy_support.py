"""What the test proxies in front of the embedded broker share: a byte pipe and a loopback server in its own thread."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
from collections.abc import Awaitable, Callable

from streams.broker import LOOPBACK

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy bytes until either side closes; a reset or TLS error just ends the copy."""
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, ssl.SSLError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


class LoopbackServer:
    """Serves `handle` for each connection on LOOPBACK:`port` (TLS with `context`), from an event loop in a thread,
    so that a synchronous test and the worker process it starts can both talk to it."""

    def __init__(self, name: str, port: int, handle: Handler, context: ssl.SSLContext | None = None) -> None:
        self.name, self.port, self.handle, self.context = name, port, handle, context
        self._loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        started = threading.Event()

        async def serve() -> None:
            server = await asyncio.start_server(self.handle, LOOPBACK, self.port, ssl=self.context)
            started.set()
            async with server:
                await server.serve_forever()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            with contextlib.suppress(asyncio.CancelledError):
                self._loop.run_until_complete(serve())

        self._thread = threading.Thread(target=run, name=self.name, daemon=True)
        self._thread.start()
        assert started.wait(10), f"{self.name} did not start"

    def stop(self) -> None:
        def cancel_all() -> None:
            for task in asyncio.all_tasks(self._loop):
                task.cancel()

        self._loop.call_soon_threadsafe(cancel_all)
        if self._thread is not None:
            self._thread.join(10)
