"""May this command write here? The one rule every writer asks before it replaces a file.

Détente writes saves, autosaves, golden transcripts (`--bless`), witness transcripts
(`check --deep --witness-dir`), the JSON Schema (`schema -o`) and debriefs. Each of them names
its file from the command line or from a scenario's ids, so a slip (`--save` given the scenario,
a witness folder that holds the scenario) used to replace a file the user needed, with exit 0.
The rule, the same for every writer:

- a file that does not exist yet may be written;
- a file the command reads as another kind (the scenario a save or transcript is made from)
  is never replaced; replacing a file with a newer one of its own kind is allowed (a
  transcript re-recorded in place with `--script T --bless T`, a save advanced with
  `--load S --save S`);
- an existing file is replaced only when it reads as a file of the kind being written (a
  save only over a Détente save, a witness only over a witness transcript, ...); anything
  else, or anything that cannot be read to tell (a folder, a device, a pipe, a file too
  large or not readable), is left alone and the write is refused with a message.

Refusals raise ``WriteRefused`` (exit 1: the command line asked for something wrong). The
file's content is never quoted: it is only recognised.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from game.scenario.files import MAX_FILE_BYTES, Unreadable, read_bytes_capped

PathLike = str | os.PathLike[str]


class WriteRefused(Exception):
    """A write that would replace a file it must not; the message names the file and why."""


@attrs.frozen
class FileKind:
    """A kind of file Détente writes or reads, and how to recognise one on disk."""

    noun: str
    """How messages name it: "a Détente save"."""
    recognise: Callable[[bytes], bool] = attrs.field(eq=False, repr=False)
    """Whether the bytes of a file are a file of this kind (never raises)."""
    limit: int = MAX_FILE_BYTES
    """Files larger than this are not of this kind (they would be refused when read)."""


def _json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        return None


def _yaml(data: bytes) -> Any:
    from game.scenario.files import decode_text
    from game.scenario.yamlread import YamlProblem, read_yaml

    try:
        return read_yaml(decode_text(data)).data
    except (Unreadable, YamlProblem):
        return None


def _is_brief(data: bytes) -> bool:
    value = _yaml(data)
    return isinstance(value, dict) and "citation" in value and "facts" in value


def _is_save(data: bytes) -> bool:
    value = _json(data)
    return isinstance(value, dict) and "detente_save" in value


def _is_transcript(data: bytes) -> bool:
    value = _yaml(data)
    return (
        isinstance(value, dict)
        and "steps" in value
        and "scenario" in value
        and "actors" not in value
    )


WITNESS_DESCRIPTION = "Witness found by `detente check --deep`"
"""How every witness transcript's description begins: what marks a file as one."""


def _is_witness(data: bytes) -> bool:
    value = _yaml(data) if _is_transcript(data) else None
    return isinstance(value, dict) and str(value.get("description", "")).startswith(
        WITNESS_DESCRIPTION
    )


SCHEMA_ID = "https://detente.invalid/scenario.schema.json"


def _is_schema(data: bytes) -> bool:
    value = _json(data)
    return isinstance(value, dict) and value.get("$id") == SCHEMA_ID


DEBRIEF_HEADING = b"# Debrief: "


def _is_debrief(data: bytes) -> bool:
    return data.removeprefix(b"\xef\xbb\xbf").startswith(DEBRIEF_HEADING)


def _is_scenario(data: bytes) -> bool:
    value = _yaml(data)
    return isinstance(value, dict) and "actors" in value and "steps" not in value


GENERATOR = b'<meta name="generator" content="Detente">'
"""What every HTML page Détente writes carries in its head, to be recognised by."""
REPORT_HEADING = b"# Class report: "
GRADEBOOK_HEADER = b"file,student,class,"


def _is_page(data: bytes) -> bool:
    return GENERATOR in data[:2000]


def _is_report(data: bytes) -> bool:
    return data.removeprefix(b"\xef\xbb\xbf").startswith(REPORT_HEADING)


def _is_gradebook(data: bytes) -> bool:
    return data.removeprefix(b"\xef\xbb\xbf").startswith(GRADEBOOK_HEADER)


SAVE = FileKind("a Détente save", _is_save, 5 * 1024 * 1024)
TRANSCRIPT = FileKind("a transcript", _is_transcript)
WITNESS = FileKind("a witness transcript written by `detente check --deep`", _is_witness)
SCHEMA = FileKind("Détente's JSON Schema", _is_schema)
DEBRIEF = FileKind("a Détente debrief", _is_debrief)
PAGE = FileKind("an HTML page written by Détente (a debrief or a class report)", _is_page)
REPORT = FileKind("a Détente class report", _is_report)
GRADEBOOK = FileKind("a Détente gradebook CSV", _is_gradebook)
SCENARIO = FileKind("a scenario", _is_scenario)
"""Written only by `detente new --force`, over a scenario; never over a command's input."""
BRIEF = FileKind("a brief", _is_brief)
COPIED = FileKind("a file `detente new --from` copies", _is_scenario)
"""What `new --from` reads: never replaced by the copy, although it is a scenario or a brief."""


def check_may_write(
    target: PathLike, kind: FileKind, inputs: Iterable[tuple[PathLike, FileKind]] = ()
) -> None:
    """Raise WriteRefused unless ``target`` may be written as ``kind`` (the rule above).

    ``inputs`` are the files the command reads, each with the kind it reads it as.
    """
    name = os.fspath(target)
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):  # the write then says why it cannot
        info = None
    except (OSError, ValueError) as error:  # a loop of symlinks, a NUL in the name...
        raise WriteRefused(_refusal(name, f"it cannot be examined ({_reason(error)})")) from None
    if info is None:
        if os.path.islink(name):  # a dangling symlink: writing would replace the link
            raise WriteRefused(_refusal(name, "it is a symbolic link to a missing file"))
        return
    for path, read_as in inputs:
        if _same_file(name, path):
            if read_as == kind:
                return  # read as this kind first, and replaced only once it read as one
            raise WriteRefused(
                _refusal(name, f"it is {read_as.noun} this command reads ({os.fspath(path)})")
            )
    if stat.S_ISDIR(info.st_mode):
        raise WriteRefused(_refusal(name, "it is a folder"))
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(_refusal(name, "it is not a regular file (a device, pipe or socket)"))
    try:
        data = read_bytes_capped(name, kind.limit, "file")
    except Unreadable as error:
        why = f"it cannot be read to tell what it is ({error})"
        raise WriteRefused(_refusal(name, why)) from None
    if not kind.recognise(data):
        raise WriteRefused(_refusal(name, f"it exists and is not {kind.noun}"))


def check_may_write_into(folder: PathLike) -> None:
    """Raise WriteRefused unless ``folder`` is a folder or does not exist yet (it is made)."""
    name = os.fspath(folder)
    if os.path.lexists(name) and not os.path.isdir(name):
        raise WriteRefused(f"{name}: cannot write files into it: it exists and is not a folder")


def _same_file(a: PathLike, b: PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.realpath(a) == os.path.realpath(b)


def _refusal(name: str, why: str) -> str:
    return (
        f"{name}: will not write over this file: {why}; it is left as it was. Choose another "
        "file name, or move the file away first"
    )


def _reason(error: OSError | ValueError) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return "the name holds a NUL character"
