"""The cookbook's patterns (docs/authoring.md, "Cookbook"): each is a scenario under
tests/cookbook/ that checks clean, whose own `tests:` play it down each of its paths, and
whose whole game tree the deep check searches exhaustively, reaching every ending."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.cli import main

COOKBOOK = Path(__file__).parent / "cookbook"
PATTERNS = sorted(COOKBOOK.glob("*.yaml"))


def test_the_cookbook_has_its_patterns():
    assert {p.stem for p in PATTERNS} >= {
        "deadline",
        "ratification",
        "branch",
        "escalation",
        "conditional",
    }


@pytest.mark.parametrize("path", PATTERNS, ids=[p.stem for p in PATTERNS])
def test_a_pattern_checks_clean_and_its_tests_play_it(path: Path, capsys) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tested = {step["ending"] for t in data["tests"] for step in t["steps"] if "ending" in step}
    assert len(tested) >= 2, "each pattern plays at least two of its paths to their endings"

    code = main(["check", "--no-excerpts", "--no-transcripts", str(path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 error(s), 0 warning(s)" in out


@pytest.mark.parametrize("path", PATTERNS, ids=[p.stem for p in PATTERNS])
def test_a_pattern_reaches_every_ending_in_an_exhaustive_search(path: Path, capsys) -> None:
    code = main(["check", "--deep", "--no-excerpts", "--no-transcripts", str(path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "(exhaustive)" in out
    endings = [e["id"] for e in yaml.safe_load(path.read_text(encoding="utf-8"))["endings"]]
    for ending in endings:
        assert f"ending '{ending}': detente run" in out, ending
