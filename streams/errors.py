"""One exception tree for wirefuse: every failure a stage can raise carries a stable error code."""

from __future__ import annotations


class WirefuseError(Exception):
    """Base of every error wirefuse raises on purpose."""

    code = "internal_error"

    def __init__(self, message: str, *, code: str | None = None, stage: str = "unknown") -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.stage = stage

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InputError(WirefuseError):
    """The producer sent something that breaks the raw-article contract; it goes to the dead-letter topic."""

    code = "invalid_input"

    def __init__(self, message: str, *, code: str, stage: str = "parse") -> None:
        super().__init__(message, code=code, stage=stage)


class StageError(WirefuseError):
    """A stage raised on an input that passed validation (a bug or a poison article); dead-lettered with the stage."""

    code = "stage_error"


class ConfigError(WirefuseError):
    """A setting read from the environment is invalid."""

    code = "config_error"


class BrokerError(WirefuseError):
    """The embedded broker could not be started, or the configured cluster is unreachable."""

    code = "broker_error"


# Every (stage, code) a dead letter can carry, and every degraded-processing warning (docs and metrics use these).
DEAD_LETTER_CODES: tuple[tuple[str, str], ...] = (
    *(
        ("parse", code)
        for code in (
            "too_large",
            "invalid_utf8",
            "invalid_json",
            "not_an_object",
            "missing_id",
            "invalid_id",
            "invalid_field",
            "empty_article",
            "stage_error",
        )
    ),
    ("tag", "tagger_failed"),
    ("tag", "tagger_crashed"),
    ("decide", "stage_error"),
)
DEGRADED_WARNINGS: tuple[str, ...] = (
    "control_characters_removed",
    "html_removed",
    "body_truncated",
    "published_at_unparseable",
    "published_at_in_future",
    "published_at_implausible",
    "language_not_supported",
    "unknown_fields_ignored",
)
