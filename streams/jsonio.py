"""The one JSON wrapper: orjson for every encode and decode in wirefuse."""

from __future__ import annotations

from typing import Any

import orjson

JSONDecodeError = orjson.JSONDecodeError


def loads(data: bytes | bytearray | memoryview | str) -> Any:
    """Decode JSON text or bytes; raises JSONDecodeError (a ValueError) on bad input."""
    return orjson.loads(data)


def dumps(obj: Any) -> bytes:
    """Encode to compact UTF-8 JSON bytes; dataclasses and datetimes are supported natively."""
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)


def dumps_line(obj: Any) -> bytes:
    """Encode one JSON Lines record, newline included."""
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE)
