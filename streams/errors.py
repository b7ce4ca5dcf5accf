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
