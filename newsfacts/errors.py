"""Library exceptions; the CLI turns them into one-line messages and exit codes."""


class NewsfactsError(Exception):
    """Base class for every error newsfacts raises on purpose."""


class InputError(NewsfactsError):
    """An input could not be read as an article: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class SettingError(NewsfactsError):
    """An environment setting (NEWSFACTS_*) has a value that cannot be used."""


class StoreError(NewsfactsError):
    """The --db file cannot be used: not a newsfacts store, another schema version, locked, unwritable."""


class WorkerLost(NewsfactsError):
    """A worker process died (killed, out of memory) with a batch in hand: the run stops, without hanging."""


class Terminated(BaseException):  # noqa: N818 - named like KeyboardInterrupt, which it mirrors
    """SIGTERM arrived: unwind like Ctrl-C (flush what is finished), then exit 143."""
