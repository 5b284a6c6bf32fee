"""A class-play command's failure, with the exit code it ends with."""

from __future__ import annotations

from game.exitcodes import EXIT_INVALID


class CommandFailed(Exception):
    """Say ``message`` in one line and exit with ``code`` (1 wrong input or refused,
    2 unreachable or unreadable)."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code
