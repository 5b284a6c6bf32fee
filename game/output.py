"""What the `detente` commands write to standard output and standard error.

Three things can go wrong with output that the command itself cannot see, so they are handled
here, once, for every command (``guarded_output`` wraps both streams for the command's life):

- Text from files reaches the terminal: a role, a scenario id, a path or a choice in a save or
  a scenario can hold an escape sequence (clear the screen, set the window title, write the
  clipboard with OSC 52). Every write goes through ``terminal_safe``, which shows control
  characters as escapes (`\\x1b`) and keeps line breaks and tabs.
- The stream cannot encode the text (``PYTHONIOENCODING=cp1252``, a C locale): characters it
  lacks are written as backslash escapes instead of raising half-way through the output.
- The stream cannot be written (a closed pipe, a full disk, ``> /dev/full``): the write raises
  ``OutputError``, which the CLI reports as "cannot write standard output: REASON" with exit 2
  (the disk, not a bug).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from game.textsafe import terminal_safe


class OutputError(Exception):
    """A standard stream refused a write: ``str`` is the message for the user."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(f"cannot write {name}: {error.strerror or error}")
        self.stream_name = name


class CannotWrite(OSError):
    """A file that could not be written: ``str`` is "cannot write PATH: REASON", the message
    every command prints before exiting 2 (a full disk or a read-only folder is not a bug)."""

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror or 'the system refused'}"


class SafeStream:
    """A text stream that escapes control characters and reports write failures as
    ``OutputError``; everything else (``isatty``, ``fileno``, ``encoding``...) is the wrapped
    stream's."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.wrapped = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self.wrapped.write(terminal_safe(text))
        except OSError as error:
            raise OutputError(self.name, error) from None

    def write_trusted(self, text: str) -> int:
        """Write text Détente made itself (a progress bar's carriage return), unescaped."""
        try:
            return self.wrapped.write(text)
        except OSError as error:
            raise OutputError(self.name, error) from None

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as error:
            raise OutputError(self.name, error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def write_trusted(stream: TextIO, text: str) -> None:
    """Write text of Détente's own making (terminal control included) to a stream, wrapped
    or not."""
    trusted = getattr(stream, "write_trusted", None)
    if trusted is not None:
        trusted(text)
    else:
        stream.write(text)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Wrap sys.stdout and sys.stderr in ``SafeStream`` (encoding errors escaped) for the
    duration, and flush stdout before leaving, so that a failed final write is reported too."""
    saved = sys.stdout, sys.stderr
    errors = [_escape_unencodable(stream) for stream in saved]
    sys.stdout = SafeStream(saved[0], "standard output")
    sys.stderr = SafeStream(saved[1], "standard error")
    try:
        yield
        sys.stdout.flush()
    finally:
        sys.stdout, sys.stderr = saved
        for stream, old in zip(saved, errors, strict=True):
            if old is not None:
                with contextlib.suppress(Exception):
                    getattr(stream, "reconfigure")(errors=old)  # noqa: B009 - TextIO lacks it


@contextlib.contextmanager
def raw_output() -> Iterator[None]:
    """The streams as they were, for the duration (the terminal app draws with escape
    sequences of its own)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = getattr(saved[0], "wrapped", saved[0])
    sys.stderr = getattr(saved[1], "wrapped", saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _escape_unencodable(stream: TextIO) -> str | None:
    """Make ``stream`` write characters its encoding lacks as escapes; the old setting."""
    old = getattr(stream, "errors", None)
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None or old is None:
        return None
    try:
        reconfigure(errors="backslashreplace")
    except Exception:  # a stream that cannot change now (already written to, detached)
        return None
    return old


def silence_stdout() -> None:
    """After standard output failed: point its descriptor at /dev/null, so that the
    interpreter's last flush at exit does not print "Exception ignored" (the advice in
    Python's documentation on SIGPIPE)."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's capture)
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
