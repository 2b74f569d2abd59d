"""Library exceptions; the CLI turns them into one-line messages and exit codes."""


class NewsfactsError(Exception):
    """Base class for every error newsfacts raises on purpose."""


class InputError(NewsfactsError):
    """An input could not be read as an article: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
