"""`detente check SCENARIO` replays the transcript files that name it (issue 16): those in
playthroughs/, tests/ or tests/playthroughs/ beside it or beside its folder, and in folders
given with --transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from tests.scenario.conftest import starter_text


def transcript(folder: Path, scenario: str, expect: str, name: str = "t.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"scenario: {scenario}\nrole: NRL\nsteps:\n  - choose: hold_firm\n  - expect: {expect}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "crisis" / "river.yaml"
    path.parent.mkdir()
    path.write_text(starter_text("river"), encoding="utf-8")
    return path


def check(capsys, *args: object) -> tuple[int, str]:
    code = main(["check", "--no-excerpts", *map(str, args)])
    return code, capsys.readouterr().out


def test_a_failing_transcript_beside_the_scenario_fails_its_check(scenario, capsys):
    failing = transcript(scenario.parent / "playthroughs", "../river.yaml", "turn == 7")
    code, out = check(capsys, scenario)
    assert code == 1, out
    assert f"{scenario}: replaying 1 transcript(s) that name it" in out
    assert f"{failing}:5:" in out and "expected `turn == 7`, but it does not hold" in out
    assert "2 file(s) checked: 1 error(s)" in out


def test_transcripts_of_other_scenarios_and_passing_ones(scenario, capsys):
    folder = scenario.parent.parent / "tests"  # beside the scenario's folder
    transcript(folder, "../crisis/river.yaml", "turn == 2", "good.yaml")
    other = scenario.parent / "other.yaml"
    other.write_text(starter_text("other"), encoding="utf-8")
    transcript(folder, "../crisis/other.yaml", "turn == 7", "other.yaml")
    code, out = check(capsys, scenario)
    assert code == 0, out
    assert "replaying 1 transcript(s)" in out and "2 file(s) checked: 0 error(s)" in out


def test_a_folder_given_with_transcripts_and_no_transcripts(scenario, tmp_path, capsys):
    elsewhere = transcript(tmp_path / "mine", "../crisis/river.yaml", "turn == 7")
    code, out = check(capsys, scenario, "--transcripts", tmp_path / "mine")
    assert code == 1 and f"{elsewhere}:5:" in out
    code, out = check(capsys, scenario, "--transcripts", tmp_path / "mine", "--no-transcripts")
    assert code == 0 and "replaying" not in out
    code, out = check(capsys, scenario, "--transcripts", tmp_path / "nowhere")
    assert code == 2


def test_a_transcript_named_on_the_command_line_is_checked_once(scenario, capsys):
    failing = transcript(scenario.parent / "tests", "../river.yaml", "turn == 7")
    code, out = check(capsys, scenario, failing)
    assert code == 1
    assert out.count("expected `turn == 7`, but it does not hold") == 1
    assert "replaying" not in out
