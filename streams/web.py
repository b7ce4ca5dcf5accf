"""Read-only pages on the worker's web port besides `/metrics`: liveness and readiness."""

from __future__ import annotations

from faust import web

from streams import __version__
from streams.app import WirefuseApp


def register_pages(wa: WirefuseApp) -> None:
    """`/healthz`: 200 while the worker runs, with its assignment; nothing here changes state."""
    app = wa.app

    @app.page("/healthz")
    async def healthz(self: web.View, request: web.Request) -> web.Response:
        assignment = sorted(f"{tp.topic}:{tp.partition}" for tp in app.consumer.assignment())
        return self.json({"status": "ok", "version": __version__, "assigned": assignment})
