"""`detente check`: every problem in every file named, then a one-line summary.

A file is checked as what it is: a brief (it has `citation:`), a transcript (it has
`steps:` and `scenario:`), or a scenario. A scenario's own `tests:` are replayed after it
checks clean, and so are the transcript files that name it, found in the folders
``TRANSCRIPT_FOLDERS`` beside it (or beside its folder) and in any folder given with
`--transcripts`. Exit 0 when clean (warnings allowed), 1 on errors, 2 when a file is
unreadable.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import attrs

from game.engine import World
from game.scenario.diagnostics import Diagnostic, clip
from game.scenario.files import resolve_named
from game.scenario.loader import (
    LoadResult,
    Unreadable,
    load_brief,
    load_scenario,
    load_scenario_text,
    read_document,
    read_text,
    render_report,
    unreadable,
)
from game.scenario.yamlread import YamlProblem, read_yaml
from game.sim.deep import DeepOptions, run_deep
from game.sim.transcript import check_transcript, load_transcript, players, replay, step_key

TRANSCRIPT_FOLDERS = ("playthroughs", "tests", "tests/playthroughs")
"""Where `check` looks for the transcripts of a scenario, beside it and beside its folder:
`my_crisis.yaml` with `playthroughs/`, or the repository's `scenarios/` with
`tests/playthroughs/`."""


def transcript_folders(scenario: str, given: Iterable[str] = ()) -> list[Path]:
    """The folders that may hold transcripts of ``scenario``, each once, in search order."""
    here = Path(scenario).parent
    candidates = [here / f for f in TRANSCRIPT_FOLDERS]
    candidates += [here.parent / f for f in TRANSCRIPT_FOLDERS]
    candidates += [Path(g) for g in given]
    folders: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and all(not folder.samefile(f) for f in folders):
            folders.append(folder)
    return folders


def transcripts_naming(scenario: str, folders: Iterable[Path]) -> list[str]:
    """The transcript files in ``folders`` whose `scenario:` leads to ``scenario``."""
    target = _real(scenario)
    found = []
    for folder in folders:
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            try:
                data = read_yaml(read_text(str(path))).data
            except (Unreadable, YamlProblem):
                continue  # not this scenario's business: checked when named itself
            written = data.get("scenario") if isinstance(data, dict) else None
            if _kind(data) != "transcript" or not isinstance(written, str):
                continue
            try:
                named = resolve_named(path, written)
            except Unreadable:
                continue
            if _real(named) == target:
                found.append(str(path))
    return found


def _real(path: str | Path) -> Path:
    """A path with its links followed, for telling two names of one file apart; never raises
    (``Path.resolve`` raises on a symlink loop, which the loader reports in its own words)."""
    return Path(os.path.realpath(path))


@attrs.define
class Tally:
    errors: int = 0
    warnings: int = 0
    files: int = 0
    unreadable: bool = False

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            if d.is_error:
                self.errors += 1
            else:
                self.warnings += 1


def expand(paths: Iterable[str]) -> list[tuple[str, str | None]]:
    """Files to check; a folder stands for its .yaml files. (path, problem) pairs."""
    files: list[tuple[str, str | None]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                files.append((name, "is a folder with no .yaml files in it"))
            files += [(str(f), None) for f in found]
        else:
            files.append((name, None))
    return files


def kind_of(path: str) -> str:
    """'brief', 'transcript' or 'scenario', judged from the top-level keys."""
    try:
        return _kind(read_yaml(read_text(path)).data)
    except (Unreadable, YamlProblem):
        return "scenario"  # the scenario loader reports the problem in full


def _kind(data: object) -> str:
    if isinstance(data, dict):
        if "citation" in data and "facts" in data:
            return "brief"
        if "steps" in data and "scenario" in data and "actors" not in data:
            return "transcript"
    return "scenario"


@attrs.frozen
class Checked:
    """What checking one file gave: its diagnostics, its text (for excerpts) and whether it
    could not be read at all (which makes the exit code 2)."""

    diagnostics: list[Diagnostic]
    text: str | None
    unreadable: bool
    kind: str = "scenario"


def check_paths(
    paths: Iterable[str],
    *,
    excerpts: bool = True,
    quiet: bool = False,
    deep: DeepOptions | None = None,
    transcripts: Iterable[str] | None = (),
) -> int:
    """Check every file named; with ``transcripts`` not None, also replay the transcripts
    that name each scenario (from the usual folders and these)."""
    tally = Tally()
    out = sys.stdout
    files = expand(paths)
    done = {_real(name) for name, problem in files if not problem}

    def show(name: str, checked: Checked) -> None:
        tally.add(checked.diagnostics)
        tally.unreadable |= checked.unreadable
        shown = [d for d in checked.diagnostics if d.is_error or not quiet]
        report = render_report(shown, name, checked.text, excerpts=excerpts and not quiet)
        if report:
            print(report, file=out)

    for name, problem in files:
        tally.files += 1
        if problem:
            print(f"{name}: error: {problem}", file=out)
            tally.errors += 1
            tally.unreadable = True
            continue
        checked = check_file(name, deep, out)
        show(name, checked)
        if transcripts is None or checked.kind != "scenario" or checked.unreadable:
            continue
        found = transcripts_naming(name, transcript_folders(name, transcripts))
        found = [t for t in found if _real(t) not in done]
        if found and not quiet:
            print(f"{name}: replaying {len(found)} transcript(s) that name it", file=out)
        for transcript in found:
            done.add(_real(transcript))
            tally.files += 1
            show(transcript, check_file(transcript))
    summary = f"{tally.files} file(s) checked: {tally.errors} error(s), {tally.warnings} warning(s)"
    print(summary, file=out)
    if tally.unreadable:
        return 2
    return 1 if tally.errors else 0


def check_file(name: str, deep: DeepOptions | None = None, out=None) -> Checked:
    """Check one file as a brief, a transcript or a scenario (read once, parsed for its kind)."""
    try:
        text = read_text(name)
    except Unreadable as error:
        return Checked([unreadable(error, name)], None, True)
    read = read_document(text, name)
    document, problems = read
    if document is None:
        return Checked(problems, text, True)
    kind = _kind(document.data)
    if kind == "brief":
        _, diagnostics = load_brief(name)
    elif kind == "transcript":
        diagnostics = _check_transcript(name)
    else:
        result = load_scenario_text(text, name, Path(name).parent, read)
        diagnostics = list(result.diagnostics)
        if result.loaded is not None:
            diagnostics += _run_tests(name, result)
            if deep is not None:
                diagnostics += run_deep(name, result, deep, out or sys.stdout)
    return Checked(diagnostics, text, any(d.unreadable for d in diagnostics), kind)


def _run_tests(name: str, result: LoadResult) -> list[Diagnostic]:
    """Replay the scenario's `tests:`; each failure is an error at its step's line."""
    assert result.loaded is not None and result.marks is not None
    scenario = result.loaded.scenario
    if not scenario.tests:
        return []
    world = World.build(result.loaded)
    diagnostics: list[Diagnostic] = []
    for t, test in enumerate(scenario.tests):
        lines = tuple(
            result.marks.value(("tests", t, "steps", i)).line for i in range(len(test.steps))
        )
        outcome = replay(world, test.role, test.seed, test.steps, lines)
        for failure in outcome.failures:
            key = step_key(test.steps[failure.step])
            place = result.marks.value(("tests", t, "steps", failure.step, key))
            message = f"test failed: {failure.message}"
            context = f"in test '{test.name}'"
            diagnostics.append(Diagnostic("error", message, name, place.line, place.col, context))
    return diagnostics


def _check_transcript(name: str) -> list[Diagnostic]:
    """A transcript's own problems, then its scenario's, then a replay of its steps."""
    script, diagnostics = load_transcript(name)
    if script is None:
        return diagnostics
    result = load_scenario(script.scenario_path)
    if result.loaded is None:
        reason = "cannot be read" if result.unreadable else f"has {result.errors} error(s)"
        message = (
            f"its scenario '{clip(script.transcript.scenario)}' {reason} "
            f"(looked for {script.scenario_path}); check it first"
        )
        diagnostic = script.diagnostic(("scenario",), message)
        return [attrs.evolve(diagnostic, unreadable=result.unreadable)]
    world = World.build(result.loaded)
    problems = check_transcript(world, script)
    if problems:
        return problems
    t = script.transcript
    outcome = replay(world, players(t), t.seed, t.steps, script.step_lines)
    return [
        script.diagnostic(("steps", f.step, step_key(t.steps[f.step])), f"failed: {f.message}")
        for f in outcome.failures
    ]
