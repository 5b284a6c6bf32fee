"""Reading files safely: the one place that opens a scenario, brief, transcript or save.

Files come from many hands, and on a class server from strangers, so every read here is
bounded and never blocks: only regular files are read (never a device, a pipe, a socket or a
folder), nothing under /proc, /sys or /dev (their "files" report a size of 0 and can hold the
environment or block forever), at most ``limit`` bytes, opened with ``O_NONBLOCK`` and checked
with ``fstat`` on the open descriptor so a file swapped for a pipe after the check cannot hang.

A path written *inside* a file (a scenario's `sources:`, a transcript's `scenario:`, a save's
scenario) is resolved against the folder of the file that names it and must stay inside an
allowed root (``allowed_roots``), so that a hostile file cannot make the game read and quote
`/etc/passwd`. ``resolve_named`` is that rule; the loader (briefs), transcripts and saves all
use it, then read with ``read_bytes_capped``.

This module knows nothing of YAML, the engine or the UI (``game.paths`` only says where the
shipped scenarios are).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from game.paths import scenario_dir

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger scenarios, briefs and transcripts are refused before parsing: no real one comes
near it."""

SPECIAL_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Kernel and device file systems: never a scenario, and reading them can leak the environment
(`/proc/self/environ`) or block for ever (`/proc/kmsg`)."""

ROOTS_VARIABLE = "DETENTE_ROOTS"
"""Extra folders (separated by os.pathsep) that paths written inside files may reach; a class
server sets it to its scenarios folder."""


class Unreadable(Exception):
    """A file that cannot be read as text at all; the message says why.

    ``line`` and ``col`` (1-based) place the problem when it has a place, such as the first
    byte that is not UTF-8; 0 otherwise.
    """

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


def read_bytes_capped(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """A regular file's bytes, refusing folders, devices, pipes, kernel files and files over
    ``limit``; never blocks, never reads more than ``limit + 1`` bytes."""
    try:
        real = Path(os.path.realpath(path))
        if _special(real):
            raise Unreadable(_not_regular(what, "it is under /proc, /sys or /dev"))
        descriptor = os.open(
            real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
        )
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except PermissionError:
        raise Unreadable("permission denied") from None
    except IsADirectoryError:
        raise Unreadable("is a directory; give the path of a .yaml file inside it") from None
    except OSError as error:
        raise Unreadable(_os_problem(error, what)) from None
    except ValueError:  # os.open refuses a name with a NUL in it
        raise Unreadable("the file name contains a NUL character") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("is a directory; give the path of a .yaml file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(_not_regular(what, "a device, a pipe or a socket?"))
        if info.st_size > limit:
            raise Unreadable(_too_large(info.st_size, limit, what))
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        try:
            data = _read_up_to(stream, limit + 1)
        except OSError as error:
            raise Unreadable(_os_problem(error, what)) from None
    if len(data) > limit:
        raise Unreadable(_too_large(len(data), limit, what))
    return data


def _read_up_to(stream: object, size: int) -> bytes:
    """At most ``size`` bytes (a raw read may return fewer than asked before the end)."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = stream.read(left)  # type: ignore[attr-defined]
        if not chunk:  # end of file (None would mean "would block": not for a regular file)
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def allowed_roots(naming_file: str | os.PathLike[str]) -> tuple[Path, ...]:
    """The folders a path written inside ``naming_file`` may lead into, resolved.

    * The naming file's *project folder*: the folder above the one it sits in, so that a
      scenario in `scenarios/` may cite `../seeds/brief.yaml` (the shipped layout) and a
      transcript in `tests/` may name `../scenarios/x.yaml`. When the file's folder is at the
      top of the file system (`/tmp/x.yaml`) only that folder itself is allowed.
    * The shipped data: the folder holding Détente's `scenarios/` and `seeds/` (or the parent
      of ``DETENTE_SCENARIOS``), so shipped scenarios, their briefs and transcripts that name
      them work wherever they are copied from.
    * Any folder listed in ``DETENTE_ROOTS``.
    """
    folder = Path(os.path.realpath(Path(naming_file).parent))
    project = folder.parent if folder.parent != folder.parent.parent else folder
    roots = [project, _shipped_root()]
    extra = os.environ.get(ROOTS_VARIABLE, "")
    roots += [Path(os.path.realpath(p)) for p in extra.split(os.pathsep) if p]
    return tuple(dict.fromkeys(roots))


def _shipped_root() -> Path:
    """The folder holding the shipped `scenarios/` (and `seeds/` beside it)."""
    return Path(os.path.realpath(scenario_dir())).parent


def resolve_named(naming_file: str | os.PathLike[str], written: str) -> Path:
    """Where a path written inside ``naming_file`` leads: resolved against that file's
    folder (not the current folder); Unreadable when it leaves every allowed root.

    The answer keeps the path as written joined to the folder (so messages name it the way
    the author wrote it); the check is made on the fully resolved path, symlinks followed.
    """
    if "\x00" in written:
        raise Unreadable("the path contains a NUL character")
    joined = Path(os.path.normpath(Path(naming_file).parent / written))
    real = Path(os.path.realpath(joined))
    if _special(real):
        raise Unreadable("it leads under /proc, /sys or /dev, which are never read")
    roots = allowed_roots(naming_file)
    if not any(real.is_relative_to(root) for root in roots):
        raise Unreadable(
            f"it leads outside the folders a file may name ({_roots_text(roots)}); keep the "
            f"files of a scenario together, or add their folder to {ROOTS_VARIABLE}"
        )
    return joined


def _roots_text(roots: tuple[Path, ...]) -> str:
    return ", ".join(f"{root}{os.sep}" for root in roots)


def _special(real: Path) -> bool:
    return any(real.is_relative_to(folder) for folder in SPECIAL_FOLDERS)


def _not_regular(what: str, why: str) -> str:
    return f"is not a regular file ({why}); give a {what} file"


def _os_problem(error: OSError, what: str) -> str:
    if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
        return _not_regular(what, "reading it would wait for ever")
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    return error.strerror or str(error)


def _too_large(size: int, limit: int, what: str) -> str:
    return (
        f"is {size / 1024 / 1024:.1f} MB; files over {limit / 1024 / 1024:g} MB are refused "
        f"(is it really a {what}?)"
    )


def decode_text(data: bytes) -> str:
    """UTF-8 text (a byte-order mark allowed); Unreadable at the first byte that is not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable(
            "the file is saved as UTF-16; save it as UTF-8 (in most editors: Save As, "
            "Encoding: UTF-8)",
            1,
            1,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace"))
        raise Unreadable(
            f"byte 0x{data[error.start]:02x} is not UTF-8 (was the file saved as Latin-1 or "
            "Windows-1252?); save it as UTF-8",
            line,
            col + 1,
        ) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """A scenario, brief or transcript file's text, or Unreadable with a message a student or
    instructor can act on."""
    return decode_text(read_bytes_capped(path, MAX_FILE_BYTES, "scenario"))
