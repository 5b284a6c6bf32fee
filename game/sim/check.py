"""`detente check`: every problem in every file named, then a one-line summary.

A file is checked as what it is: a brief (it has `citation:`), a transcript (it has
`steps:` and `scenario:`), or a scenario. A scenario's own `tests:` are replayed after it
checks clean. Exit 0 when clean (warnings allowed), 1 on errors, 2 when a file is unreadable.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import attrs

from game.engine import World
from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import LoadResult, Unreadable, load_brief, load_scenario, read_text
from game.scenario.yamlread import YamlProblem, read_yaml
from game.sim.deep import DeepOptions, run_deep
from game.sim.transcript import check_steps, load_transcript, replay


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
        data = read_yaml(read_text(path)).data
    except (Unreadable, YamlProblem):
        return "scenario"  # the scenario loader reports the problem in full
    if isinstance(data, dict):
        if "citation" in data and "facts" in data:
            return "brief"
        if "steps" in data and "scenario" in data and "actors" not in data:
            return "transcript"
    return "scenario"


def check_paths(
    paths: Iterable[str],
    *,
    excerpts: bool = True,
    quiet: bool = False,
    deep: DeepOptions | None = None,
) -> int:
    tally = Tally()
    out = sys.stdout
    for name, problem in expand(paths):
        tally.files += 1
        if problem:
            print(f"{name}: error: {problem}", file=out)
            tally.errors += 1
            tally.unreadable = True
            continue
        kind = kind_of(name)
        if kind == "brief":
            _, diagnostics = load_brief(name)
            text = _text(name)
            unreadable = any(not d.line for d in diagnostics if d.is_error)
        elif kind == "transcript":
            diagnostics, unreadable = _check_transcript(name)
            text = _text(name)
        else:
            result = load_scenario(name)
            diagnostics = list(result.diagnostics)
            if result.loaded is not None:
                diagnostics += _run_tests(name, result)
                if deep is not None:
                    diagnostics += run_deep(name, result, deep, out)
            text, unreadable = result.text, result.unreadable
        tally.add(diagnostics)
        tally.unreadable |= unreadable
        shown = [d for d in diagnostics if d.is_error or not quiet]
        _print(shown, name, text, excerpts and not quiet, out)
    summary = f"{tally.files} file(s) checked: {tally.errors} error(s), {tally.warnings} warning(s)"
    print(summary, file=out)
    if tally.unreadable:
        return 2
    return 1 if tally.errors else 0


def _text(name: str) -> str | None:
    try:
        return read_text(name)
    except Unreadable:
        return None


def _print(diagnostics: list[Diagnostic], name: str, text: str | None, excerpts: bool, out) -> None:
    """Each diagnostic, with the source line under it (read from its own file: a brief's
    problems are reported while checking the scenario that cites it)."""
    texts = {name: text}
    for d in diagnostics:
        print(d.format(), file=out)
        if not excerpts:
            continue
        if d.file not in texts:
            texts[d.file] = _text(d.file)
        excerpt = d.excerpt(texts[d.file])
        if excerpt:
            print(excerpt, file=out)


def _run_tests(name: str, result: LoadResult) -> list[Diagnostic]:
    """Replay the scenario's `tests:`; each failure is an error at its step's line."""
    assert result.loaded is not None
    scenario = result.loaded.scenario
    if not scenario.tests:
        return []
    world = World.build(result.loaded)
    diagnostics: list[Diagnostic] = []
    document = read_yaml(result.text or "")
    for t, test in enumerate(scenario.tests):
        lines = tuple(
            document.marks.value(("tests", t, "steps", i)).line for i in range(len(test.steps))
        )
        for i, message in check_steps(world, test.steps):
            diagnostics.append(
                Diagnostic("error", message, name, lines[i], 0, f"in test '{test.name}'")
            )
        if diagnostics:
            continue
        outcome = replay(world, test.role, test.seed, test.steps, lines)
        for failure in outcome.failures:
            diagnostics.append(
                Diagnostic(
                    "error",
                    f"test failed: {failure.message}",
                    name,
                    failure.line,
                    0,
                    f"in test '{test.name}'",
                )
            )
    return diagnostics


def _check_transcript(name: str) -> tuple[list[Diagnostic], bool]:
    transcript, diagnostics = load_transcript(name)
    if transcript is None:
        return diagnostics, any(not d.line for d in diagnostics)
    result = load_scenario(transcript.scenario_path)
    if result.loaded is None:
        message = (
            f"its scenario '{transcript.transcript.scenario}' does not load "
            f"({result.errors} error(s)); check it first"
        )
        return [Diagnostic("error", message, name, 1, 1)], result.unreadable
    world = World.build(result.loaded)
    lines = transcript.step_lines
    problems = [
        Diagnostic("error", m, name, lines[i], 0)
        for i, m in check_steps(world, transcript.transcript.steps)
    ]
    if transcript.transcript.role not in world.playable:
        problems.append(
            Diagnostic(
                "error",
                f"role '{transcript.transcript.role}' is not playable; "
                f"choose one of {', '.join(world.playable)}",
                name,
                1,
                1,
            )
        )
    if problems:
        return problems, False
    t = transcript.transcript
    outcome = replay(world, t.role, t.seed, t.steps, lines)
    return [
        Diagnostic("error", f"failed: {f.message}", name, f.line, 0) for f in outcome.failures
    ], False
