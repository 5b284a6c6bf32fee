"""Loading a scenario file: read, parse, structure, load its briefs, check. All problems at once.

``load_scenario(path)`` never raises for bad input: it returns a ``LoadResult`` whose
diagnostics say what is wrong and where. ``LoadResult.unreadable`` tells a file that could not
be read at all (missing, a directory, not UTF-8, too large, not YAML) from one that was read
and found wanting, so the CLI can exit 2 or 1 as documented.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import TypeVar

import attrs

from game.scenario.diagnostics import MAX_SHOWN, Diagnostic, count_errors, printable
from game.scenario.loaded import LoadedScenario
from game.scenario.model import FORMAT_VERSION, Brief, Scenario
from game.scenario.structure import INVALID, Structurer
from game.scenario.validate import Reporter, check_brief, validate
from game.scenario.yamlread import Document, Marks, Place, YamlProblem, read_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger files are refused before parsing: no real scenario comes near it."""

T = TypeVar("T")


class Unreadable(Exception):
    """A file that cannot be read as text at all; the message says why.

    ``line`` and ``col`` (1-based) place the problem when it has a place, such as the first
    byte that is not UTF-8; 0 otherwise.
    """

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


def unreadable(error: Unreadable, filename: str) -> Diagnostic:
    """The diagnostic for a file that could not be read."""
    return Diagnostic("error", str(error), filename, error.line, error.col, unreadable=True)


def read_text(path: str | os.PathLike[str]) -> str:
    """A file's text, or Unreadable with a message a student or instructor can act on."""
    return decode_text(read_bytes_capped(path, MAX_FILE_BYTES, "scenario"))


def read_bytes_capped(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """A regular file's bytes, refusing folders, devices, pipes and files over ``limit``.

    The size is checked before reading and the read stops past the limit anyway, so neither
    a huge file nor an endless one (``/dev/zero``, a pipe) can eat memory or hang the game.
    """
    fs_path = FsPath(path)
    try:
        info = fs_path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("is a directory; give the path of a .yaml file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"is not a regular file (a device or a pipe?); give a {what} file")
        if info.st_size > limit:
            raise Unreadable(_too_large(info.st_size, limit, what))
        with fs_path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except PermissionError:
        raise Unreadable("permission denied") from None
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    except ValueError:  # os.stat refuses a name with a NUL in it
        raise Unreadable("the file name contains a NUL character") from None
    if len(data) > limit:
        raise Unreadable(_too_large(len(data), limit, what))
    return data


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
        line = data.count(b"\n", 0, error.start) + 1
        col = len(
            data[data.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", "replace")
        )
        raise Unreadable(
            f"byte 0x{data[error.start]:02x} is not UTF-8 (was the file saved as Latin-1 or "
            "Windows-1252?); save it as UTF-8",
            line,
            col + 1,
        ) from None


@attrs.frozen
class LoadResult:
    """What loading a file gave: the scenario when there were no errors, and every diagnostic."""

    loaded: LoadedScenario | None
    diagnostics: tuple[Diagnostic, ...]
    unreadable: bool = False
    text: str | None = None
    """The file's text, for showing excerpts under diagnostics."""
    marks: Marks | None = None
    """Where each value of the file was written (None when it was not read as YAML)."""

    @property
    def ok(self) -> bool:
        return self.loaded is not None

    @property
    def errors(self) -> int:
        return count_errors(self.diagnostics)


def load_scenario(path: str | os.PathLike[str]) -> LoadResult:
    """Load and check the scenario at path."""
    name = os.fspath(path)
    try:
        text = read_text(path)
    except Unreadable as error:
        return LoadResult(None, (unreadable(error, name),), unreadable=True)
    return load_scenario_text(text, name, FsPath(name).parent)


def load_scenario_text(
    text: str,
    filename: str = "<scenario>",
    base: FsPath | None = None,
    read: tuple[Document | None, list[Diagnostic]] | None = None,
) -> LoadResult:
    """Load and check scenario text; briefs named in `sources:` are read relative to base.

    ``read`` is what ``read_document`` gave for this text, when the caller has read it
    already (`detente check` reads a file once to see what kind of file it is).
    """
    document, problems = read if read is not None else read_document(text, filename)
    if document is None:
        return LoadResult(None, tuple(problems), unreadable=True, text=text)
    diagnostics = list(problems)
    version = document.data.get("format") if isinstance(document.data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        place = document.marks.value(("format",))
        message = (
            f"this file is format {version}, but this version of Détente reads format "
            f"{FORMAT_VERSION}; update Détente"
        )
        return LoadResult(
            None,
            (Diagnostic("error", message, filename, place.line, place.col),),
            text=text,
            marks=document.marks,
        )
    reporter_places: list[Diagnostic] = []
    structurer = Structurer(document.marks, _collect(reporter_places, filename))
    scenario = structurer.structure(document.data, Scenario, ())
    diagnostics += reporter_places
    if scenario is INVALID:
        return LoadResult(None, tuple(diagnostics), text=text, marks=document.marks)
    briefs, brief_diagnostics = _load_briefs(scenario, structurer, filename, base or FsPath("."))
    reporter = Reporter(filename, document.marks, structurer.paths)
    validate(scenario, reporter, (fact.id for brief in briefs for fact in brief.facts), structurer)
    diagnostics += brief_diagnostics + reporter.diagnostics
    diagnostics.sort(key=lambda d: (d.file != filename, d.file, d.line, d.col))
    loaded = (
        None if count_errors(diagnostics) else LoadedScenario(scenario, tuple(briefs), filename)
    )
    return LoadResult(loaded, tuple(diagnostics), text=text, marks=document.marks)


def load_brief(path: str | os.PathLike[str]) -> tuple[Brief | None, list[Diagnostic]]:
    """Load a brief file (citation and facts) on its own, as `detente check` does for seeds."""
    name = os.fspath(path)
    try:
        text = read_text(path)
    except Unreadable as error:
        return None, [unreadable(error, name)]
    return _structure_brief(text, name)


def structure_file(
    text: str, filename: str, cls: type[T]
) -> tuple[T | None, list[Diagnostic], Document | None, Structurer | None]:
    """Read YAML text and structure it as cls: the shared first half of every file loader."""
    document, diagnostics = read_document(text, filename)
    if document is None:
        return None, diagnostics, None, None
    structurer = Structurer(document.marks, _collect(diagnostics, filename))
    value = structurer.structure(document.data, cls, ())
    return (None if value is INVALID else value), diagnostics, document, structurer


def read_document(text: str, filename: str) -> tuple[Document | None, list[Diagnostic]]:
    """The YAML document in text and its non-fatal problems; (None, [why]) when unreadable."""
    try:
        document = read_yaml(text)
    except YamlProblem as problem:
        place = problem.place or Place(0, 0)
        diagnostic = Diagnostic(
            "error", problem.message, filename, place.line, place.col, unreadable=True
        )
        return None, [diagnostic]
    diagnostics = [
        Diagnostic(
            "error",
            p.message,
            filename,
            p.place.line if p.place else 0,
            p.place.col if p.place else 0,
        )
        for p in document.problems
    ]
    return document, diagnostics


def _collect(into: list[Diagnostic], filename: str) -> Callable[[Place, str], None]:
    def report(place: Place, message: str) -> None:
        into.append(Diagnostic("error", message, filename, place.line, place.col))

    return report


def _structure_brief(text: str, filename: str) -> tuple[Brief | None, list[Diagnostic]]:
    """A brief file checked on its own: the brief only when it has no errors."""
    read = _read_brief(text, filename)
    if read.brief is None or any(d.is_error for d in read.diagnostics):
        return None, read.diagnostics
    return read.brief, read.diagnostics


@attrs.frozen
class _ReadBrief:
    """A brief as read from its file or a scenario's `sources:`, with where its parts are.

    ``brief`` is kept when its own checks fail (a bad date) but it could be structured, so that
    a scenario citing it does not also report each of its facts as unknown.
    """

    brief: Brief | None
    diagnostics: list[Diagnostic]
    reporter: Reporter | None = None


def _read_brief(text: str, filename: str) -> _ReadBrief:
    brief, diagnostics, document, structurer = structure_file(text, filename, Brief)
    if brief is None or document is None or structurer is None:
        return _ReadBrief(None, diagnostics)
    reporter = Reporter(filename, document.marks, structurer.paths)
    check_brief(brief, reporter)
    return _ReadBrief(brief, diagnostics + reporter.diagnostics, reporter)


def _load_briefs(
    scenario: Scenario, structurer: Structurer, filename: str, base: FsPath
) -> tuple[list[Brief], list[Diagnostic]]:
    read: list[_ReadBrief] = []
    diagnostics: list[Diagnostic] = []
    listed: dict[FsPath, int] = {}
    for i, source in enumerate(scenario.sources):
        if isinstance(source, Brief):
            reporter = Reporter(filename, structurer.marks, structurer.paths)
            check_brief(source, reporter)
            read.append(_ReadBrief(source, reporter.diagnostics, reporter))
            diagnostics += reporter.diagnostics
            continue
        brief_path = base / source
        place = structurer.marks.value(("sources", i))
        same = _same_file(brief_path)
        if same in listed:
            diagnostics.append(
                Diagnostic(
                    "warning",
                    f"the brief '{source}' is already listed at line {listed[same]}; "
                    "list each brief once",
                    filename,
                    place.line,
                    place.col,
                )
            )
            continue
        listed[same] = place.line
        try:
            text = read_text(brief_path)
        except Unreadable as error:
            diagnostics.append(
                Diagnostic(
                    "error",
                    f"cannot read the brief '{source}' (looked for {brief_path}): {error}",
                    filename,
                    place.line,
                    place.col,
                )
            )
            continue
        brief = _read_brief(text, os.fspath(brief_path))
        diagnostics += brief.diagnostics
        read.append(brief)
    diagnostics += _facts_shared(read, filename)
    return [r.brief for r in read if r.brief is not None], diagnostics


def _same_file(path: FsPath) -> FsPath:
    """The path that names this file however it is written (for briefs listed twice)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def _facts_shared(briefs: list[_ReadBrief], filename: str) -> list[Diagnostic]:
    """A fact id in two of a scenario's briefs, reported at the second, naming the first.

    Facts are cited by id alone, so a shared id would make a citation ambiguous. Repeats
    within one brief are check_brief's to report.
    """
    diagnostics: list[Diagnostic] = []
    first: dict[str, tuple[str, int]] = {}
    for read in briefs:
        if read.brief is None or read.reporter is None:
            continue
        reporter = read.reporter
        here: dict[str, tuple[str, int]] = {}
        for fact in read.brief.facts:
            place = reporter.marks.value(reporter.path_of(fact, "id"))
            if fact.id in first and fact.id not in here:
                other, line = first[fact.id]
                where = "another brief in this file" if other == reporter.filename else other
                diagnostics.append(
                    Diagnostic(
                        "error",
                        f"fact id '{fact.id}' is also in {where} (line {line}); the briefs "
                        "a scenario cites must not share fact ids: rename one",
                        reporter.filename,
                        place.line,
                        place.col,
                        "" if reporter.filename == filename else f"in the sources of {filename}",
                    )
                )
            here.setdefault(fact.id, (reporter.filename, place.line))
        for ident, written in here.items():
            first.setdefault(ident, written)
    return diagnostics


def render_report(
    diagnostics: list[Diagnostic], name: str, text: str | None, *, excerpts: bool = True
) -> str:
    """The checker's report on file ``name`` (whose ``text`` is at hand), as printed.

    Each problem as `file:line:col: severity: message`, with the offending line and a caret
    under it; a problem in another file (a brief cited by the scenario) is shown against that
    file's own text, read once. Only the first MAX_SHOWN problems are shown, the rest counted.
    """
    texts: dict[str, str | None] = {name: text}
    lines: list[str] = []
    for diagnostic in diagnostics[:MAX_SHOWN]:
        lines.append(diagnostic.format())
        if not excerpts or not diagnostic.file:
            continue
        if diagnostic.file not in texts:
            try:
                texts[diagnostic.file] = read_text(diagnostic.file)
            except Unreadable:
                texts[diagnostic.file] = None
        excerpt = diagnostic.excerpt(texts[diagnostic.file])
        if excerpt:
            lines.append(printable(excerpt))
    if len(diagnostics) > MAX_SHOWN:
        hidden = len(diagnostics) - MAX_SHOWN
        lines.append(f"{name}: ... and {hidden:,} more problem(s) not shown")
    return "\n".join(lines)
