"""The instructor's toolkit finds planted defects, and its reports can be trusted."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from game.cli import main
from tests.sim.conftest import ROOT, SCENARIO, first_role

DEEP = ["--deep", "--positions", "4000", "--seeds", "1", "--no-excerpts"]
"""A bounded search of the S-400 copies: what it misses is a warning, not proof."""

TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_deep_check_reports_an_unreachable_ending_at_its_line(planted, capsys):
    def plant(data: dict[str, Any]) -> None:
        role = first_role(data)
        stat = next(iter(role["stats"]))
        # Possible on its face (so the static check passes), impossible in play: no option
        # can push a stat to 100 and its opposite to 0 on the first turn.
        data["endings"].insert(
            0,
            {
                "id": "planted_miracle",
                "title": "A miracle",
                "at": "any",
                "when": f"turn == 1 and stat({role['id']}, {stat}) == 100 and stat({role['id']}, {stat}) + 0 == 100 and rel(RUS, UKR) == 100",
            },
        )

    path = planted(plant)
    code, out, _ = run_cli(capsys, "check", path, *DEEP)
    assert code == 0, out  # a bounded search proves nothing: a warning
    expected_line = line_of(path, "id: planted_miracle")
    assert f"{path}:{expected_line}:" in out
    line = next(line for line in out.splitlines() if "'planted_miracle' was never" in line)
    assert f"{path}:{expected_line}:" in line
    assert re.search(
        r": warning: ending 'planted_miracle' was never reached within [\d,]+ pos", line
    )
    assert "bounded search, budget 4,000 positions" in out


def planted_tutorial(tmp_path: Path, ending_when: str) -> Path:
    """A copy of the tutorial, whose whole tree is small enough to search exhaustively, with
    an ending first that holds only when ``ending_when`` does."""
    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    data.pop("tests", None)
    data["endings"].insert(
        0, {"id": "planted", "title": "Planted", "at": "any", "when": ending_when}
    )
    path = tmp_path / "planted.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_an_exhaustive_deep_check_proves_an_ending_impossible(tmp_path, capsys):
    path = planted_tutorial(tmp_path, "turn == 1 and rel(OST, VEL) == 100")
    code, out, _ = run_cli(capsys, "check", path, "--deep", "--no-excerpts")
    assert code == 1, out
    assert "(exhaustive)" in out
    line = next(line for line in out.splitlines() if "'planted' was never" in line)
    assert ": error: ending 'planted' was never reached in an exhaustive search" in line


def test_the_deep_check_gives_the_same_answer_every_time(capsys):
    """The budget is positions, not seconds: two runs explore the same positions and report
    the same findings, whatever else the machine is doing."""
    args = ["check", SCENARIO, "--deep", "--positions", "3000", "--no-excerpts"]
    first = run_cli(capsys, *args)
    second = run_cli(capsys, *args)

    def without_seconds(out: str) -> str:
        return re.sub(r"positions in [0-9.]+ s", "positions in _ s", out)

    assert first[0] == second[0]
    assert without_seconds(first[1]) == without_seconds(second[1])
    assert "budget 3,000 positions" in first[1]


def test_the_time_limit_is_a_safety_cap_reported_as_a_warning(capsys):
    code, out, _ = run_cli(
        capsys, "check", SCENARIO, "--deep", "--time-limit", "0.001", "--no-excerpts"
    )
    assert code == 0, out  # what it did not reach is not proven impossible
    assert "stopped by the time limit" in out
    assert "warning: the deep check stopped at its time limit after" in out
    assert ": error:" not in out


def test_known_unreachable_silences_a_deliberate_exception(planted, capsys):
    def plant(data: dict[str, Any]) -> None:
        data["endings"].insert(
            0,
            {
                "id": "planted_miracle",
                "title": "A miracle",
                "basis": "invented",  # else the basis warning would name it
                "at": "any",
                "when": "turn == 1 and rel(RUS, UKR) == 100",
                "scores": {a["id"]: 50 for a in data["actors"] if a.get("playable")},
            },
        )
        data["known_unreachable"] = ["planted_miracle"]

    _, out, _ = run_cli(capsys, "check", planted(plant), *DEEP)
    diagnostics = [line for line in out.splitlines() if ": error:" in line or ": warning:" in line]
    assert not [line for line in diagnostics if "planted_miracle" in line]


def test_deep_check_reports_an_option_that_can_never_be_taken(planted, capsys):
    def plant(data: dict[str, Any]) -> None:
        role = first_role(data)["id"]
        data["options"].append(
            {
                "id": "planted_never",
                "by": [role],
                "label": "Never",
                "requires": f"turn == 1 and rel(RUS, {role}) == 100 and rel(USA, {role}) == 100",
                "facts": [data["options"][0]["facts"][0]],
            }
        )

    path = planted(plant)
    code, out, _ = run_cli(capsys, "check", path, *DEEP)
    assert code == 0, out
    assert f"{path}:{line_of(path, 'id: planted_never')}:" in out
    assert re.search(r"warning: option 'planted_never' was never taken within [\d,]+ pos", out)


def test_deep_check_reports_a_loose_end_with_a_replayable_witness(planted, capsys):
    def plant(data: dict[str, Any]) -> None:
        role = first_role(data)["id"]
        for option in data["options"]:
            if role in option["by"]:
                option["requires"] = "turn <= 2"

    path = planted(plant)
    code, out, _ = run_cli(capsys, "check", path, *DEEP)
    assert code == 1
    loose = next(line for line in out.splitlines() if "loose end" in line)
    assert "on turn 3 no option is available" in loose
    command = loose.split("walk into it with: detente ")[1].split()
    code, out, _ = run_cli(capsys, *command)
    assert code == 0
    assert "next is turn 3" in out


def test_simulate_reports_a_dominant_option(planted, capsys):
    def plant(data: dict[str, Any]) -> None:
        role = first_role(data)
        effects = [{"stat": f"{role['id']}.{name}", "change": 25} for name in role["stats"]]
        effects += [
            {"rel": f"{other['id']} -> {role['id']}", "change": 30}
            for other in data["actors"]
            if other["id"] != role["id"]
        ]
        data["options"].append(
            {
                "id": "planted_jackpot",
                "by": [role["id"]],
                "label": "Jackpot",
                "once": True,
                "effects": effects,
                "facts": [data["options"][0]["facts"][0]],
            }
        )

    path = planted(plant)
    role = first_role(yaml.safe_load(path.read_text()))["id"]
    code, out, _ = run_cli(capsys, "simulate", path, "--as", role, "--runs", "300", "--quiet")
    assert code == 0
    dominant = out.split("Possible dominant strategies:")[1].split("\n\n")[0]
    assert "planted_jackpot" in dominant


def test_simulate_gives_the_same_report_for_the_same_seed_whatever_the_workers(capsys):
    args = ["simulate", SCENARIO, "--runs", "150", "--seed", "42", "--json", "--quiet"]
    code, first, _ = run_cli(capsys, *args)
    assert code == 0
    _, second, _ = run_cli(capsys, *args, "--workers", "2")
    assert json.loads(first) == json.loads(second)
    _, other, _ = run_cli(
        capsys, "simulate", SCENARIO, "--runs", "150", "--seed", "43", "--json", "--quiet"
    )
    assert json.loads(other) != json.loads(first)
    report = json.loads(first)
    for role in report["roles"]:
        assert sum(role["endings"].values()) == 150


def test_simulate_reports_a_replayable_seed_for_every_failed_run():
    from game.engine import World
    from game.engine import play_turn as real_play_turn
    from game.scenario import load_scenario
    from game.sim.balance import rarely_taken, role_report
    from game.sim.simreport import render_text
    from game.sim.simulate import ScalarEngine, simulate

    def flaky(world, state, choice, **kwargs):
        if state.turn == 3 and state.seed % 5 == 0:
            raise RuntimeError("planted failure")
        return real_play_turn(world, state, choice, **kwargs)

    world = World.build(load_scenario(SCENARIO).loaded)
    played = simulate(world, str(SCENARIO), ("TUR",), 20, 0, "uniform", engine=ScalarEngine(flaky))
    reports = [role_report(world, "TUR", played.runs["TUR"])]
    out = render_text(world, str(SCENARIO), reports, rarely_taken(world, played.runs), played)
    assert "Played game by game on the scalar engine." in out
    failures = [line for line in out.splitlines() if line.startswith("FAILURE seed")]
    assert [int(line.split()[2].rstrip(":")) for line in failures] == [0, 5, 10, 15]
    assert all("RuntimeError: planted failure" in line for line in failures)
    replay = next(line for line in out.splitlines() if "replay: detente run" in line)
    command = replay.split("replay: detente ")[1].split()
    assert command[command.index("--seed") + 1] == "0"
    assert len(command[command.index("--choose") + 1].split(",")) == 2  # the two turns played
    assert out.endswith("4 failure(s).")


def test_simulate_says_when_and_why_it_played_game_by_game(capsys):
    args = ["simulate", SCENARIO, "--as", "TUR", "--runs", "20", "--quiet"]
    code, out, _ = run_cli(capsys, *args, "--policy", "least-used")
    assert code == 0
    assert out.splitlines()[1] == (
        "Played game by game on the engine, not in batches: the least-used policy's choices "
        "depend on earlier runs (policy)."
    )
    code, out, _ = run_cli(capsys, *args, "--policy", "least-used", "--json")
    assert json.loads(out)["played"] == {
        "engine": "scalar",
        "fallback": {
            "reason": "policy",
            "detail": "the least-used policy's choices depend on earlier runs",
        },
    }
    code, out, _ = run_cli(capsys, *args, "--json")
    assert json.loads(out)["played"] == {"engine": "batch", "fallback": None}


def test_a_fault_in_the_batch_engine_is_reported_as_a_bug_not_hidden(capsys, monkeypatch):
    import game.sim.batch as batch

    def broken(*args, **kwargs):
        raise RuntimeError("planted batch fault")

    # Planted in the batch code itself: before, simulate fell back to the scalar engine and
    # the only sign of the fault was a slower report.
    monkeypatch.setattr(batch, "play_batch", broken)
    code, out, err = run_cli(capsys, "simulate", SCENARIO, "--as", "TUR", "--runs", "20", "--quiet")
    assert code == 3
    assert out == ""
    assert err.splitlines()[0] == "detente: internal error: RuntimeError: planted batch fault"


def test_bless_records_a_golden_transcript_that_replays_and_catches_changes(tmp_path, capsys):
    golden = tmp_path / "golden.yaml"
    code, _, _ = run_cli(
        capsys,
        "run",
        SCENARIO,
        "--as",
        "UKR",
        "--seed",
        "4",
        "--policy",
        "random",
        "--bless",
        golden,
    )
    assert code == 0
    data = yaml.safe_load(golden.read_text())
    assert data["steps"][-1]["ending"]
    assert any("expect" in step for step in data["steps"])
    code, _, err = run_cli(capsys, "run", "--script", golden)
    assert code == 0, err
    # Corrupt one expected value: the replay must fail at that step's line.
    text = golden.read_text()
    first_expect = next(line for line in text.splitlines() if "expect:" in line)
    value = first_expect.rsplit("== ", 1)[1]
    broken = text.replace(first_expect, first_expect[: -len(value)] + str(int(value) + 1), 1)
    golden.write_text(broken)
    code, _, err = run_cli(capsys, "run", "--script", golden)
    assert code == 1
    assert f"{golden}:{line_of(golden, first_expect.strip()[:20])}: failed:" in err


def test_turns_with_nothing_to_do_replay_as_dashes_and_wait_steps(planted, capsys, tmp_path):
    def plant(data: dict[str, Any]) -> None:
        role = first_role(data)["id"]
        for option in data["options"]:
            if role in option["by"]:
                option["requires"] = "turn <= 2"

    path = planted(plant)
    role = first_role(yaml.safe_load(path.read_text()))["id"]
    for seed in range(30):  # a game that outlasts the two turns with options
        code, out, _ = run_cli(
            capsys, "run", path, "--as", role, "--seed", seed, "--policy", "random", "--json"
        )
        assert code == 0
        played = json.loads(out)["final"]["choices"]
        if len(played) > 2:
            break
    assert len(played) > 2 and played[2:] == [None] * (len(played) - 2)
    choices = ",".join(c or "-" for c in played)
    golden = tmp_path / "golden.yaml"
    code, out, err = run_cli(
        capsys,
        "run",
        path,
        "--as",
        role,
        "--seed",
        seed,
        "--choose",
        choices,
        "--json",
        "--bless",
        golden,
    )
    assert code == 0, err
    assert json.loads(out)["final"]["choices"] == played
    steps = yaml.safe_load(golden.read_text())["steps"]
    assert sum(1 for s in steps if s.get("wait") is True) == len(played) - 2
    code, _, err = run_cli(capsys, "run", "--script", golden)
    assert code == 0, err
    # Waiting while options are offered is an error at the step's line.
    golden.write_text(golden.read_text().replace("- choose:", "- wait: true\n  # was:", 1))
    code, _, err = run_cli(capsys, "run", "--script", golden)
    assert code == 1
    assert "cannot wait while options are available" in err


def test_bless_rerecords_a_transcript_whose_expectations_went_stale(tmp_path, capsys):
    golden = tmp_path / "golden.yaml"
    run_cli(
        capsys,
        "run",
        SCENARIO,
        "--as",
        "RUS",
        "--seed",
        "6",
        "--policy",
        "random",
        "--bless",
        golden,
    )
    fresh = golden.read_text()
    first_expect = next(line for line in fresh.splitlines() if "expect:" in line)
    stale = fresh.replace(first_expect, first_expect.replace("==", "!="), 1)
    golden.write_text(stale)
    code, _, _ = run_cli(capsys, "run", "--script", golden)
    assert code == 1
    code, _, err = run_cli(capsys, "run", "--script", golden, "--bless", golden)
    assert code == 0, err
    assert golden.read_text() == fresh
