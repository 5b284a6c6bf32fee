"""Loading a scenario file: read, parse, structure, load its briefs, check. All problems at once.

``load_scenario(path)`` never raises for bad input: it returns a ``LoadResult`` whose
diagnostics say what is wrong and where. ``LoadResult.unreadable`` tells a file that could not
be read at all (missing, a directory, not UTF-8, too large, not YAML) from one that was read
and found wanting, so the CLI can exit 2 or 1 as documented.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import TypeVar

import attrs

from game.scenario.diagnostics import MAX_SHOWN, Diagnostic, clip, count_errors, printable
from game.scenario.files import MAX_FILE_BYTES as MAX_FILE_BYTES
from game.scenario.files import Unreadable as Unreadable
from game.scenario.files import decode_text, resolve_named
from game.scenario.files import read_bytes_capped as read_bytes_capped
from game.scenario.files import read_text as read_text
from game.scenario.loaded import LoadedScenario
from game.scenario.model import FORMAT_VERSION, Brief, Scenario
from game.scenario.structure import INVALID, Structurer
from game.scenario.validate import Reporter, check_brief, validate
from game.scenario.yamlread import Document, Marks, Place, YamlProblem, read_yaml

T = TypeVar("T")

# Reading files lives in game/scenario/files.py; MAX_FILE_BYTES, Unreadable, read_text and
# read_bytes_capped stay importable from here.


def unreadable(error: Unreadable, filename: str) -> Diagnostic:
    """The diagnostic for a file that could not be read."""
    return Diagnostic("error", str(error), filename, error.line, error.col, unreadable=True)


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
    parsed: bool = False
    """The file is YAML and has the shape of a brief (no problem reading or structuring it):
    only then may messages quote it."""


def _read_brief(text: str, filename: str) -> _ReadBrief:
    brief, diagnostics, document, structurer = structure_file(text, filename, Brief)
    if brief is None or document is None or structurer is None:
        return _ReadBrief(None, diagnostics)
    parsed = not diagnostics
    reporter = Reporter(filename, document.marks, structurer.paths)
    check_brief(brief, reporter)
    return _ReadBrief(brief, diagnostics + reporter.diagnostics, reporter, parsed)


def _not_a_brief(
    source: str, path: FsPath, brief: _ReadBrief, filename: str, place: Place
) -> Diagnostic:
    """One message for a file cited as a brief that is not one, without quoting it.

    The file may be anything the scenario names (a stray config file, a secret), so nothing
    from it reaches the message: the author checks it on its own, where its own path was
    given on the command line and its problems are shown in full.
    """
    problems = sum(1 for d in brief.diagnostics if d.is_error) or 1
    return Diagnostic(
        "error",
        f"the brief '{clip(source)}' is not a brief file ({problems} problem(s) reading it as "
        f"YAML with `citation` and `facts`); run `detente check {clip(os.fspath(path), 200)}` to "
        "see them",
        filename,
        place.line,
        place.col,
    )


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
        place = structurer.marks.value(("sources", i))
        brief_path = None
        try:
            brief_path = resolve_named(base / FsPath(filename).name, source)
            text = decode_text(read_bytes_capped(brief_path, MAX_FILE_BYTES, "brief"))
        except Unreadable as error:
            looked = f" (looked for {brief_path})" if brief_path else ""
            diagnostics.append(
                Diagnostic(
                    "error",
                    f"cannot read the brief '{clip(source, 200)}'{looked}: {error}",
                    filename,
                    place.line,
                    place.col,
                )
            )
            continue
        same = _same_file(brief_path)
        if same in listed:
            diagnostics.append(
                Diagnostic(
                    "warning",
                    f"the brief '{clip(source)}' is already listed at line {listed[same]}; "
                    "list each brief once",
                    filename,
                    place.line,
                    place.col,
                )
            )
            continue
        listed[same] = place.line
        brief = _read_brief(text, os.fspath(brief_path))
        if not brief.parsed:
            diagnostics.append(_not_a_brief(source, brief_path, brief, filename, place))
            continue
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
