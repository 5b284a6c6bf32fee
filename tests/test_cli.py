"""The `detente` command as a user meets it: exit codes, messages, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.paths import default_scenario

SCENARIO = str(default_scenario())


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_run_prints_a_turn_log_with_causes_and_an_ending(capsys):
    code, out, _ = run(capsys, "run", SCENARIO, "--as", "TUR", "--seed", "1", "--policy", "ai")
    assert code == 0
    assert out.startswith("Turn 1 (")
    assert "You (Turkey):" in out
    assert "Ending: " in out and "Score: " in out
    assert "→" in out  # changes are listed with before → after


def test_run_json_has_every_turn_with_causes_final_relations_and_score(capsys):
    code, out, _ = run(
        capsys, "run", SCENARIO, "--as", "UKR", "--seed", "2", "--policy", "random", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["role"] == "UKR" and data["seed"] == 2
    assert data["ending"] and len(data["turns"]) >= 1
    assert all("cause" in change for turn in data["turns"] for change in turn["changes"])
    assert "RUS->UKR" in data["final"]["relations"]
    assert 0 <= data["score"]["total"] <= 100


def test_choose_replays_exactly_what_a_policy_played(capsys):
    _, out, _ = run(
        capsys, "run", SCENARIO, "--as", "RUS", "--seed", "5", "--policy", "random", "--json"
    )
    played = json.loads(out)
    choices = [
        next(c["option"] for c in t["choices"] if c["actor"] == "RUS") for t in played["turns"]
    ]
    code, again, _ = run(
        capsys,
        "run",
        SCENARIO,
        "--as",
        "RUS",
        "--seed",
        "5",
        "--choose",
        ",".join(choices),
        "--json",
    )
    assert code == 0
    assert json.loads(again) == played


def test_an_unavailable_choice_exits_1_and_names_the_available_options(capsys):
    code, _, err = run(capsys, "run", SCENARIO, "--as", "TUR", "--choose", "no_such_move")
    assert code == 1
    assert "there is no option 'no_such_move'" in err
    assert "available: " in err and "tur_" in err


def test_bad_role_and_missing_scenario_are_clear_and_not_tracebacks(capsys, tmp_path):
    code, _, err = run(capsys, "run", SCENARIO, "--as", "XXX", "--policy", "random")
    assert code == 1 and "not a playable role" in err and "TUR" in err
    code, _, err = run(capsys, "run", tmp_path / "missing.yaml", "--as", "TUR")
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "run", SCENARIO)
    assert code == 2 and "--as" in err


def test_save_then_load_continues_the_same_game(capsys, tmp_path):
    _, out, _ = run(
        capsys, "run", SCENARIO, "--as", "USA", "--seed", "8", "--policy", "random", "--json"
    )
    whole = json.loads(out)
    choices = [
        next(c["option"] for c in t["choices"] if c["actor"] == "USA") for t in whole["turns"]
    ]
    save = tmp_path / "game.json"
    code, _, _ = run(
        capsys,
        "run",
        SCENARIO,
        "--as",
        "USA",
        "--seed",
        "8",
        "--choose",
        ",".join(choices[:3]),
        "--save",
        save,
    )
    assert code == 0 and save.exists()
    code, out, _ = run(
        capsys, "run", SCENARIO, "--load", save, "--choose", ",".join(choices[3:]), "--json"
    )
    assert code == 0
    resumed = json.loads(out)
    assert resumed["final"] == whole["final"]
    assert resumed["ending"] == whole["ending"]
    assert [t["turn"] for t in resumed["turns"]] == [t["turn"] for t in whole["turns"]][3:]


def test_new_writes_a_starter_that_checks_clean_and_refuses_to_overwrite(capsys, tmp_path):
    target = tmp_path / "my crisis.yaml"
    code, out, _ = run(capsys, "new", target)
    assert code == 0 and target.exists()
    code, out, _ = run(capsys, "check", target)
    assert code == 0, out
    assert "0 error(s), 0 warning(s)" in out
    code, _, err = run(capsys, "new", target)
    assert code == 1 and "already exists" in err


def test_schema_is_json_and_matches_the_committed_copy(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["properties"]["actors"]["type"] == "array"
    committed = Path(__file__).parents[1] / "docs" / "scenario.schema.json"
    assert json.loads(committed.read_text()) == schema, (
        "run: detente schema -o docs/scenario.schema.json"
    )


def test_the_installed_command_runs_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "game.cli", "run", "/nonexistent.yaml", "--as", "TUR"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no such file" in result.stderr


def opening_without_a_terminal(opener, **_):
    """Stands in for the app: opens the game as its worker would, without a terminal."""
    try:
        opener()
    except Exception as error:
        return 1, error
    return 0, None


def test_play_refuses_a_save_for_another_role(capsys, tmp_path, monkeypatch):
    import game.ui.app

    save = tmp_path / "game.json"
    code, _, _ = run(
        capsys,
        "run",
        SCENARIO,
        "--as",
        "TUR",
        "--seed",
        "1",
        "--choose",
        "tur_wait",
        "--save",
        save,
    )
    assert code == 0
    monkeypatch.setattr(game.ui.app, "run_app", opening_without_a_terminal)
    code, _, err = run(capsys, "play", "--load", save, "--as", "RUS")
    assert code == 1
    assert "this save plays TUR, not RUS" in err


def test_play_prints_the_checker_report_of_a_broken_scenario(capsys, tmp_path, monkeypatch):
    import game.ui.app

    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\nturns: many\n", encoding="utf-8")
    monkeypatch.setattr(game.ui.app, "run_app", opening_without_a_terminal)
    code, _, err = run(capsys, "play", broken)
    assert code == 1
    lines = err.splitlines()
    assert any(line.startswith(f"{broken}:3:8: error:") for line in lines)
    assert (
        lines[-1]
        == f"detente: {broken}: cannot play this scenario ({err.count(': error:')} error(s) above)"
    )
    assert "Traceback" not in err


def test_play_refuses_a_missing_file_before_opening_the_app(capsys, monkeypatch):
    import game.ui.app

    monkeypatch.setattr(game.ui.app, "run_app", lambda *args, **kwargs: pytest.fail("opened"))
    code, _, err = run(capsys, "play", "no/such/scenario.yaml")
    assert code == 2
    assert err.strip() == "detente: no/such/scenario.yaml: no such file"


def test_play_reports_a_crashed_app_as_an_internal_error(capsys, monkeypatch):
    import game.ui.app

    monkeypatch.setattr(game.ui.app, "run_app", lambda *args, **kwargs: (1, None))
    code, _, err = run(capsys, "play", SCENARIO, "--as", "TUR", "--seed", "1")
    assert code == 3
    assert "internal error" in err


def test_run_plays_a_choose_list_longer_than_the_game_and_names_the_unused_moves(capsys):
    """Issue 16: a list written for a longer game (the tutorial has 4 turns) exited 1."""
    moves = "vel_raise_tolls,vel_inspect_carts,vel_close_bridge,vel_wait,vel_wait,vel_inspect_carts"
    code, out, err = run(capsys, "run", "tutorial", "--as", "VEL", "--choose", moves)
    assert code == 0, err
    assert "Ending: " in out and "Turn 4 (" in out
    assert (
        "warning: the game ended (standoff) after turn 4; 2 listed move(s) not played: "
        "vel_wait, vel_inspect_carts"
    ) in err
