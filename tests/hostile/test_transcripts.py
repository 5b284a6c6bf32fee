"""Transcripts that are wrong: unknown options, options not available on the turn, wrong role.

Each is reported at the file's line (and column where one applies), exit 1, no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import run_subprocess


def write(folder: Path, body: str, role: str = "NRL") -> Path:
    path = folder / "play.yaml"
    path.write_text(f"scenario: starter.yaml\nrole: {role}\nsteps:\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "role", "place", "fragment"),
    [
        (
            "  - choose: hold_firm\n  - choose: hodl_firm\n",
            "NRL",
            "5:13",
            "unknown option 'hodl_firm'; did you mean 'hold_firm'?",
        ),
        (
            "  - available: [hold_firm, mediat]\n",
            "NRL",
            "4:28",
            "unknown option 'mediat'; did you mean 'mediate'?",
        ),
        (
            "  - choose: hold_firm\n  - choose: mediate\n",
            "NRL",
            "5:13",
            "failed: turn 2: 'mediate' is not an option for NRL; available: open_sluices, "
            "hold_firm, accept_talks",
        ),
        (
            "  - choose: accept_talks\n  - choose: accept_talks\n",
            "NRL",
            "5:13",
            "'accept_talks' can be taken only once, and NRL has taken it",
        ),
        (
            "  - choose: hold_firm\n",
            "RGC",
            "2:7",
            "role 'RGC' is not playable here; choose one of NRL, STH",
        ),
        (
            "  - choose: hold_firm\n",
            "SHT",
            "2:7",
            "role 'SHT' is not playable here; did you mean 'STH'?",
        ),
        (
            "  - {choose: hold_firm, expect: turn == 2}\n",
            "NRL",
            "4:5",
            "each step has exactly one of choose, expect, available, unavailable, ending, "
            "wait, play, answer, offer (this one has choose, expect)",
        ),
        (
            "  - expect: rel(NRL, STX) > 0\n",
            "NRL",
            "4:22",
            "unknown actor `STX`; did you mean 'STH'?",
        ),
        ("  - expect: rel(NRL, STH) >\n", "NRL", "4:28", "expected a value, found the end"),
        ("  - ending: setled\n", "NRL", "4:13", "unknown ending 'setled'; did you mean 'settled'?"),
        (
            "  - choose: hold_firm\n  - expect: turn == 5\n",
            "NRL",
            "5:13",
            "failed: turn 2: expected `turn == 5`, but it does not hold",
        ),
    ],
)
def test_bad_transcript_is_reported_at_its_line(
    cli, starter_file: Path, body: str, role: str, place: str, fragment: str
) -> None:
    script = write(starter_file.parent, body, role)
    result = cli("check", "--no-excerpts", script)
    assert result.code == 1
    assert f"{script}:{place}: error: " in result.out, result.out
    assert fragment in result.out


def test_transcript_replay_via_run_reports_step_line(cli, starter_file: Path) -> None:
    script = write(starter_file.parent, "  - choose: hold_firm\n  - choose: mediate\n")
    result = cli("run", "--script", script)
    assert result.code == 1
    assert f"{script}:5: failed: turn 2: 'mediate' is not an option for NRL" in result.err


def test_unknown_option_via_run_is_found_before_playing(cli, starter_file: Path) -> None:
    script = write(starter_file.parent, "  - choose: hold_firm\n  - choose: hodl_firm\n")
    result = cli("run", "--script", script)
    assert result.code == 1
    assert f"{script}:5:13: error: unknown option 'hodl_firm'" in result.err
    assert "Turn 1" not in result.out  # nothing was played


def test_transcript_whose_scenario_is_missing_is_unreadable(cli, tmp_path: Path) -> None:
    script = write(tmp_path, "  - choose: hold_firm\n")
    result = cli("check", "--no-excerpts", script)
    assert result.code == 2
    assert f"{script}:1:11: error: its scenario 'starter.yaml' cannot be read" in result.out


def test_transcript_whose_scenario_has_errors_points_at_it(cli, starter_file: Path) -> None:
    starter_file.write_text(starter_file.read_text().replace("by: [RGC]", "by: [RCG]"))
    script = write(starter_file.parent, "  - choose: hold_firm\n")
    result = cli("check", "--no-excerpts", script)
    assert result.code == 1
    assert "its scenario 'starter.yaml' has 1 error(s)" in result.out


def test_transcript_with_wrong_types(cli, starter_file: Path) -> None:
    script = starter_file.parent / "play.yaml"
    script.write_text("scenario: [starter.yaml]\nrole: 5\nsteps: {a: 1}\n")
    result = cli("check", "--no-excerpts", script)
    assert result.code == 1
    for place in ("1:11", "2:7", "3:8"):
        assert f"{script}:{place}: error:" in result.out


def test_transcript_that_is_not_yaml_is_unreadable(cli, starter_file: Path) -> None:
    script = starter_file.parent / "play.yaml"
    script.write_text("scenario: starter.yaml\nrole: NRL\nsteps:\n\t- choose: hold_firm\n")
    result = cli("check", "--no-excerpts", script)
    assert result.code == 2
    assert f"{script}:4:1: error: " in result.out and "spaces, not tabs" in result.out
    result = cli("run", "--script", script)
    assert result.code in (1, 2)  # cli.py judges "unreadable" by whether a message has a line
    assert f"{script}:4:1: error: " in result.err


def test_a_good_transcript_passes(cli, starter_file: Path) -> None:
    script = write(starter_file.parent, "  - choose: hold_firm\n  - expect: turn == 2\n")
    assert cli("check", script).code == 0
    assert cli("run", "--script", script).code == 0


def test_subprocess_bad_transcript_no_traceback(starter_file: Path) -> None:
    script = write(starter_file.parent, "  - choose: nope\n")
    result = run_subprocess("check", script)
    assert result.code == 1
    assert f"{script}:4:13: error: unknown option 'nope'" in result.out
