"""Large hostile inputs (issue 18): valid-looking files too big to play, and files with
thousands of mistakes, built on demand and shared by tests/hostile/test_sizes.py and
benchmarks/hostile_inputs.py.

Each ``Large`` writes its files into a folder and says which command to run on which file,
the exit code expected and a fragment of the message. The files are small (under 1 MB):
what they hold is many elements, not many bytes, which is what got them past the old limits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from tests.scenario.conftest import starter_text


def ids(count: int, prefix: str = "A") -> list[str]:
    return [f"{prefix}{n:05d}" for n in range(1, count + 1)]


def crowd(
    actors: int,
    *,
    options: int = 0,
    turns: int = 12,
    extra: str = "",
    tests: str = "",
    rules: str = "",
) -> str:
    """A minimal valid scenario of ``actors`` governments: only an id and a name each (the
    first playable, with one goal), ``options`` options (one per government when 0) each
    moving one relation, one ending. ``extra`` is put before `actors:`, ``tests`` at the end."""
    names = ids(actors)
    lines = [
        "format: 1",
        "id: crowd",
        "title: A crowded crisis",
        "summary: Every government at once.",
        'start_date: "2022-06-06"',
        f"turns: {turns}",
        *([rules] if rules else []),
        *([extra] if extra else []),
        "actors:",
        f"  - {{id: {names[0]}, name: First, playable: true, goals: "
        f'[{{id: g, label: Friends, measure: "rel({names[1]}, {names[0]})"}}]}}',
    ]
    lines += [f"  - {{id: {name}, name: N}}" for name in names[1:]]
    lines.append("options:")
    for n in range(options or actors):
        who, other = names[n % actors], names[(n + 1) % actors]
        lines.append(
            f"  - {{id: o{n}, by: [{who}], label: Reach out, "
            f'effects: [{{rel: "{other} -> {who}", change: 2}}]}}'
        )
    lines += ["endings:", f"  - {{id: done, title: Done, scores: {{{names[0]}: 50}}}}"]
    if tests:
        lines.append(tests)
    return "\n".join(lines) + "\n"


def typo(n: int) -> str:
    """A misspelling of option ``o{n}`` that is close to many options (`o12x`)."""
    return f"o{n}x"


def tests_waiting(count: int, steps: int, role: str = "A00001") -> str:
    """``count`` tests of ``steps`` `wait: true` steps each."""
    lines = ["tests:"]
    for t in range(count):
        lines += [f"  - name: t{t}", f"    role: {role}", "    steps:"]
        lines += ["      - wait: true"] * steps
    return "\n".join(lines)


def transcript(scenario: str, steps: list[str]) -> str:
    """A transcript of the role A00001 naming ``scenario`` with these step lines."""
    lines = [f"scenario: {scenario}", "role: A00001", "steps:"]
    lines += [f"  - {step}" for step in steps]
    return "\n".join(lines) + "\n"


@attrs.frozen
class Large:
    """One large input: the files it writes, the command to run and the answer expected.

    ``args`` are the command's arguments with ``{}`` where the main file's path goes.
    """

    name: str
    files: Callable[[], dict[str, str]]
    main: str
    args: tuple[str, ...]
    code: int
    fragment: str

    def make(self, folder: Path) -> Path:
        """Write the files into a folder of its own; the path of the main one."""
        home = folder / self.name
        home.mkdir(parents=True, exist_ok=True)
        for name, text in self.files().items():
            (home / name).write_text(text, encoding="utf-8")
        return home / self.main

    def command(self, path: Path) -> list[str]:
        return [a.replace("{}", str(path)) for a in self.args]


def _starter(old: str, new: str) -> str:
    text = starter_text()
    assert old in text, old
    return text.replace(old, new, 1)


def _typo_scenario() -> dict[str, str]:
    """3,000 options, and 1,000 misspelt option ids in `known_unreachable`."""
    wrong = ", ".join(typo(n) for n in range(1_000))
    return {"s.yaml": crowd(200, options=3_000, extra=f"known_unreachable: [{wrong}]")}


def _typo_tests() -> dict[str, str]:
    """3,000 options and a test choosing 1,000 misspelt ones."""
    steps = "\n".join(f"      - choose: {typo(n)}" for n in range(1_000))
    tests = f"tests:\n  - name: typos\n    role: A00001\n    steps:\n{steps}"
    return {"s.yaml": crowd(200, options=3_000, tests=tests)}


def _typo_transcript(count: int) -> Callable[[], dict[str, str]]:
    def files() -> dict[str, str]:
        steps = [f"choose: {typo(n % 3_000)}" for n in range(count)]
        return {"s.yaml": crowd(200, options=3_000), "t.yaml": transcript("s.yaml", steps)}

    return files


def _typo_conditions() -> dict[str, str]:
    """1,500 options whose `requires:` names a misspelt option (`taken(o12x)`)."""
    text = crowd(200, options=1_500)
    lines = text.splitlines()
    out = []
    for line in lines:
        if line.startswith("  - {id: o") and ", by:" in line:
            n = int(line.split("{id: o")[1].split(",")[0])
            line = line.replace(", by:", f', requires: "taken({typo(n)})", by:', 1)
        out.append(line)
    return {"s.yaml": "\n".join(out) + "\n"}


def _missing_briefs() -> dict[str, str]:
    """45,000 `sources:` naming briefs that do not exist."""
    sources = "\n".join(f"  - b{n}.yaml" for n in range(45_000))
    return {"s.yaml": _starter("sources:\n", f"sources:\n{sources}\n")}


LARGE: tuple[Large, ...] = (
    Large(
        "actors_8000",
        lambda: {"s.yaml": crowd(8_000, options=10)},
        "s.yaml",
        ("check", "{}"),
        1,
        "8,000 actors is too many: at most 250 are supported",
    ),
    Large(
        "actors_8000_run",
        lambda: {"s.yaml": crowd(8_000, options=10)},
        "s.yaml",
        ("run", "--as", "A00001", "{}"),
        1,
        "8,000 actors is too many",
    ),
    Large(
        "actors_8000_simulate",
        lambda: {"s.yaml": crowd(8_000, options=10)},
        "s.yaml",
        ("simulate", "--quiet", "--runs", "2", "{}"),
        1,
        "8,000 actors is too many",
    ),
    Large(
        "options_3001",
        lambda: {"s.yaml": crowd(20, options=3_001)},
        "s.yaml",
        ("check", "{}"),
        1,
        "3,001 options is too many: at most 3,000 are supported",
    ),
    Large(
        "turns_250x200",
        lambda: {"s.yaml": crowd(250, turns=200)},
        "s.yaml",
        ("check", "{}"),
        1,
        "250 actors for 200 turns is more than one game can play in bounded time",
    ),
    Large(
        "tests_3x200",
        lambda: {"s.yaml": crowd(100, turns=200, tests=tests_waiting(3, 200))},
        "s.yaml",
        ("check", "{}"),
        1,
        "the tests replay 600 turns of 100 actors",
    ),
    Large(
        "date_9999",
        lambda: {"s.yaml": _starter('start_date: "2030-05-01"', 'start_date: "9999-12-28"')},
        "s.yaml",
        ("check", "{}"),
        1,
        "end after 9999-12-31, the last date the calendar has; start earlier",
    ),
    Large(
        "turn_days_1e9",
        lambda: {"s.yaml": _starter("turn_days: 7", "turn_days: 1000000000")},
        "s.yaml",
        ("run", "--as", "NRL", "{}"),
        1,
        "turns may be at most 582,172 days",
    ),
    Large(
        "relation_bounds_wide",
        lambda: {"s.yaml": crowd(4, rules="rules:\n  relation_bounds: [-10000, 10000]")},
        "s.yaml",
        ("simulate", "--quiet", "--runs", "10", "{}"),
        0,
        "",
    ),
    Large(
        "typos_known_unreachable",
        _typo_scenario,
        "s.yaml",
        ("check", "--quiet", "{}"),
        1,
        "'o0x' is not an option, event or ending; did you mean",
    ),
    Large(
        "typos_test_steps",
        _typo_tests,
        "s.yaml",
        ("check", "--quiet", "{}"),
        1,
        "unknown option 'o0x'",
    ),
    Large(
        "typos_conditions",
        _typo_conditions,
        "s.yaml",
        ("check", "--quiet", "{}"),
        1,
        "o0x",
    ),
    Large(
        "typos_transcript_500",
        _typo_transcript(500),
        "t.yaml",
        ("check", "--quiet", "{}"),
        1,
        "unknown option 'o0x'; did you mean",
    ),
    Large(
        "typos_transcript_2000",
        _typo_transcript(2_000),
        "t.yaml",
        ("check", "--quiet", "{}"),
        1,
        "unknown option 'o0x'; did you mean",
    ),
    Large(
        "steps_transcript_15000",
        _typo_transcript(15_000),
        "t.yaml",
        ("check", "--quiet", "{}"),
        1,
        "15,000 steps is too many: at most 2,000 are supported",
    ),
    Large(
        "briefs_missing_45000",
        _missing_briefs,
        "s.yaml",
        ("check", "--quiet", "{}"),
        1,
        "45,001 sources is too many",
    ),
)
"""Every large input, by name."""
