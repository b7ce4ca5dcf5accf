"""The framework ceiling: a Faust worker on wirefuse's app whose one agent decodes and re-sends each article."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any

from streams import jsonio
from streams.app import create_app, create_worker
from streams.settings import Settings


def main() -> int:
    settings = Settings.from_env()
    if not settings.broker_url:
        print("set WIREFUSE_BROKER_URL", file=sys.stderr)
        return 2
    wa = create_app(settings, settings.broker_url)

    # The same topics, serialisation and commit settings as the real worker; only the stage calls are gone.
    @wa.app.agent(wa.raw, name="bench.passthrough")
    async def passthrough(stream: Any) -> AsyncIterator[None]:
        async for event in stream.events():
            article = jsonio.loads(bytes(event.value))
            await wa.enriched.send(key=event.key, value=jsonio.dumps(article))
            yield None

    create_worker(wa, settings).execute_from_commandline()
    return 0


if __name__ == "__main__":
    sys.exit(main())
