"""`detente run --seats`: several seats played by lists and policies, the JSON's `seats`,
saves and transcripts with seats, and what is refused."""

from __future__ import annotations

import json
import random
import shlex
from pathlib import Path

import pytest

from game.cli import main
from game.debrief import debrief_markdown, decisions
from game.engine import SeatError, World, available_options, new_game, play_turn, score
from game.exitcodes import EXIT_INVALID, EXIT_UNREADABLE
from game.saves import SEATS_SAVE_FORMAT, SaveError, read_save, restore, save_game
from game.scenario import load_scenario
from game.sim.policies import like_ai, uniform
from game.sim.run import RunError, RunRequest, run_game
from game.sim.transcript import load_transcript, replay
from tests.sim.conftest import SCENARIO


@pytest.fixture(scope="module")
def world() -> World:
    result = load_scenario(SCENARIO)
    assert result.loaded is not None
    return World.build(result.loaded)


def _run(**fields) -> tuple[dict, list[str], bool]:
    warnings: list[str] = []
    outcome = run_game(RunRequest(str(SCENARIO), json=True, **fields), warnings.append)
    return json.loads(outcome.output), warnings, outcome.failed


def _lists(world: World, seats: tuple[str, ...], seed: int, turns: int):
    """Each seat's first available option, turn by turn, played on the engine directly."""
    state = new_game(world, seats=seats, seed=seed)
    picks: dict[str, list[str | None]] = {s: [] for s in state.seats}
    for _ in range(turns):
        choices = {}
        for k, seat in enumerate(state.seats):
            offered = available_options(world, state, seat)
            choices[seat] = offered[(state.turn + k) % len(offered)].id if offered else None
            picks[seat].append(choices[seat])
        state = play_turn(world, state, choices)
    return state, picks


def test_choose_per_seat_plays_the_engine_game_move_for_move(world):
    state, picks = _lists(world, ("TUR", "USA"), 4, 5)
    data, warnings, failed = _run(
        seats="TUR,USA",
        seed=4,
        seat_choose=tuple(f"{s}={','.join(c or '-' for c in picks[s])}" for s in picks),
    )
    assert not failed and warnings == []
    assert data["seats"]["TUR"]["choices"] == picks["TUR"]
    assert data["seats"]["USA"]["choices"] == picks["USA"]
    assert data["seats"]["USA"]["score"]["total"] == score(world, state, "USA").total
    assert data["final"]["relations"]["RUS->TUR"] == state.rel[world.rel_index("RUS", "TUR")]
    assert len(data["turns"]) == 5
    assert set(data["views"]) == {"TUR", "USA"}
    assert "rng" not in data["views"]["TUR"]
    usa_options = {o["id"] for o in data["views"]["USA"]["options"]}
    assert usa_options and all("USA" in world.option(o).by for o in usa_options)


def test_a_policy_plays_every_seat_no_choose_covers(world):
    _, picks = _lists(world, ("TUR", "USA", "RUS"), 9, 3)
    data, _, failed = _run(
        seats="RUS,TUR,USA",
        seed=9,
        policy="ai",
        seat_choose=(f"TUR={','.join(c or '-' for c in picks['TUR'])}",),
    )
    assert not failed
    assert data["seats"]["TUR"]["choices"] == picks["TUR"]
    # the uncovered seats played like the AI, drawing from one generator in seat order
    replayed = new_game(world, seats=("TUR", "USA", "RUS"), seed=9)
    rng = random.Random(9)
    for turn in range(3):
        choices = {}
        for seat in replayed.seats:
            choices[seat] = (
                picks["TUR"][turn] if seat == "TUR" else like_ai(world, replayed, rng, seat)
            )
        replayed = play_turn(world, replayed, choices)
    assert data["seats"]["USA"]["choices"] == list(replayed.choices_of("USA"))
    assert data["seats"]["RUS"]["choices"] == list(replayed.choices_of("RUS"))
    assert len(data["turns"]) == 3  # the list stops the game, as --choose does with --as


def test_one_seat_by_seats_is_the_as_game(world):
    one, _, _ = _run(role="UKR", seed=2, policy="random")
    seats, _, _ = _run(seats="UKR", seed=2, policy="random")
    assert seats["final"] == one["final"]
    assert seats["seats"]["UKR"]["score"] == one["score"]
    assert seats["seats"]["UKR"]["ending"] == one["ending"]
    assert "seats" not in one and one["role"] == "UKR"  # --as keeps its form


def test_policy_to_the_end_with_every_seat(world):
    data, _, failed = _run(seats="TUR,USA,UKR,RUS", seed=1, policy="random")
    assert not failed and data["ending"]
    assert all(v["ending"] == data["ending"] for v in data["seats"].values())
    turns = len(data["turns"])
    state = new_game(world, seats=("TUR", "USA", "UKR", "RUS"), seed=1)
    rng = random.Random(1)
    while not state.over:
        state = play_turn(world, state, {s: uniform(world, state, rng, s) for s in state.seats})
    assert len(state.log) == turns and state.ending == data["ending"]


def test_text_log_names_every_seat(capsys):
    code = main(["run", str(SCENARIO), "--seats", "TUR,USA", "--seed", "3", "--policy", "ai"])
    out = capsys.readouterr().out
    assert code == 0
    assert "  Turkey (TUR): " in out and "  United States (USA): " in out
    assert "You (" not in out
    assert out.count("Relations with ") == 2 and out.count("Score: ") == 2


@pytest.mark.parametrize(
    ("fields", "code", "words"),
    [
        ({"role": "TUR", "seats": "TUR,USA"}, EXIT_UNREADABLE, "give one of them"),
        ({"seats": "TUR,XXX"}, EXIT_INVALID, "--seats XXX: not a playable role"),
        ({"seats": "TUR,TUR"}, EXIT_INVALID, "one seat only"),
        ({"seats": ","}, EXIT_INVALID, "name the roles"),
        ({"seats": "TUR,USA", "seat_choose": ("tur_wait",)}, EXIT_INVALID, "ROLE=ID"),
        ({"seats": "TUR", "seat_choose": ("USA=usa_hold",)}, EXIT_INVALID, "not a seat"),
        (
            {"seats": "TUR", "seat_choose": ("TUR=tur_wait", "TUR=tur_wait")},
            EXIT_INVALID,
            "once",
        ),
        ({"seat_choose": ("TUR=tur_wait",), "role": "TUR"}, EXIT_UNREADABLE, "--seats"),
        ({"role": "TUR", "choose": "tur_wait", "policy": "ai"}, EXIT_UNREADABLE, "not both"),
    ],
)
def test_wrong_seat_requests_say_why(fields, code, words):
    with pytest.raises(RunError) as refused:
        run_game(RunRequest(str(SCENARIO), **fields), print)
    assert refused.value.code == code
    assert words in str(refused.value)


def test_an_illegal_or_missing_seat_choice_fails_the_run_with_a_warning():
    _, warnings, failed = _run(seats="TUR,USA", seat_choose=("TUR=tur_wait", "USA=tur_wait"))
    assert failed and warnings[0].startswith("error: turn 1: USA: ")
    assert "available: " in warnings[0]
    _, warnings, failed = _run(
        seats="TUR,USA", seat_choose=("TUR=tur_wait,tur_wait", "USA=usa_hold")
    )
    assert failed and "turn 2: --choose USA= has no choice" in warnings[0]


def test_cli_refuses_two_bare_chooses(capsys):
    code = main(["run", str(SCENARIO), "--as", "TUR", "--choose", "a", "--choose", "b"])
    assert code == EXIT_UNREADABLE
    assert "give --choose once" in capsys.readouterr().err


def test_a_save_with_seats_holds_every_seats_choices_and_replays(world, tmp_path):
    save = tmp_path / "class.json"
    first, _, _ = _run(seats="TUR,USA", seed=6, policy="random", save=str(save))
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["detente_save"] == SEATS_SAVE_FORMAT
    assert data["seats"] == ["TUR", "USA"]
    assert data["choices"] == {s: first["seats"][s]["choices"] for s in ("TUR", "USA")}
    state = restore(world, read_save(save), str(save))
    assert state.seats == ("TUR", "USA") and state.ending == first["ending"]
    # a hand edit of one seat's choices is caught by the replay
    data["choices"]["USA"][0] = data["choices"]["USA"][1]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match=r"does not match a replay|do not replay"):
        restore(world, read_save(edited), str(edited))
    data["choices"]["USA"] = data["choices"]["USA"][:-1]
    edited.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="different numbers of turns"):
        read_save(edited)


def test_a_save_with_seats_is_continued_by_run_load(world, tmp_path):
    _, picks = _lists(world, ("TUR", "USA"), 2, 6)
    save = tmp_path / "half.json"
    lists = {s: ",".join(c or "-" for c in picks[s]) for s in picks}
    half = {s: ",".join(c or "-" for c in picks[s][:3]) for s in picks}
    rest = {s: ",".join(c or "-" for c in picks[s][3:]) for s in picks}
    whole, _, _ = _run(
        seats="TUR,USA", seed=2, seat_choose=tuple(f"{s}={v}" for s, v in lists.items())
    )
    _run(
        seats="TUR,USA",
        seed=2,
        seat_choose=tuple(f"{s}={v}" for s, v in half.items()),
        save=str(save),
    )
    continued, warnings, failed = _run(
        load=str(save), seats="USA,TUR", seat_choose=tuple(f"{s}={v}" for s, v in rest.items())
    )
    assert not failed, warnings
    assert continued["final"] == whole["final"]
    assert [t["turn"] for t in continued["turns"]] == [4, 5, 6]
    with pytest.raises(RunError, match="leave out --as"):
        run_game(RunRequest(str(SCENARIO), load=str(save), role="TUR"), print)
    with pytest.raises(RunError, match="this save plays TUR, USA"):
        run_game(RunRequest(str(SCENARIO), load=str(save), seats="TUR,RUS"), print)


def test_bless_records_a_seats_transcript_that_replays(world, tmp_path):
    target = tmp_path / "two.yaml"
    warnings: list[str] = []
    run_game(
        RunRequest(str(SCENARIO), seats="UKR,RUS", seed=5, policy="ai", bless=str(target)),
        warnings.append,
    )
    assert warnings == [f"blessed: wrote {target}"]
    script, problems = load_transcript(target)
    assert script is not None, [p.format() for p in problems]
    t = script.transcript
    assert t.seats == ("UKR", "RUS") or tuple(t.seats) == ("UKR", "RUS")
    assert t.role is None
    plays = [s.play for s in t.steps if s.play is not None]
    assert plays and all(set(p) == {"UKR", "RUS"} for p in plays)
    result = replay(world, tuple(t.seats), t.seed, t.steps, script.step_lines)
    assert result.passed, result.failures
    outcome = run_game(RunRequest(script=str(target)), print)
    assert not outcome.failed
    assert "Ukraine (UKR): " in outcome.output
    # the recorded expectations are real: a changed move fails at its turn
    first = dict(plays[0])
    other = next(
        o.id
        for o in available_options(world, new_game(world, seats=("UKR", "RUS")), "UKR")
        if o.id != first["UKR"]
    )
    text = target.read_text(encoding="utf-8").replace(f"UKR: {first['UKR']}", f"UKR: {other}", 1)
    changed = tmp_path / "changed.yaml"
    changed.write_text(text, encoding="utf-8")
    failures: list[str] = []
    assert run_game(RunRequest(script=str(changed)), failures.append).failed
    assert failures and "failed: turn 2: expected `rel(" in failures[0]


def test_seats_transcripts_are_checked_before_they_are_played(tmp_path):
    scenario = Path(SCENARIO).resolve()
    cases = {
        "both": (
            "role: TUR\nseats: [TUR, USA]\n",
            "  - play: {TUR: tur_wait, USA: usa_hold}\n",
            "give either `role:`",
        ),
        "choose": ("seats: [TUR, USA]\n", "  - choose: tur_wait\n", "each turn is a `play:` step"),
        "missing": ("seats: [TUR, USA]\n", "  - play: {TUR: tur_wait}\n", "no choice for USA"),
        "extra": (
            "seats: [TUR]\n",
            "  - play: {TUR: tur_wait, RUS: rus_wait}\n",
            "'RUS' is not a seat",
        ),
        "foreign": (
            "seats: [TUR, USA]\n",
            "  - play: {TUR: usa_hold, USA: usa_hold}\n",
            "'usa_hold' is not an option for TUR",
        ),
        "one role": ("role: TUR\n", "  - play: {TUR: tur_wait}\n", "`play:` is for a transcript"),
        "unplayable": (
            "seats: [TUR, NATO]\n",
            "  - play: {TUR: tur_wait, NATO: null}\n",
            "role 'NATO' is not playable",
        ),
    }
    for name, (who, step, words) in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.yaml"
        path.write_text(f"scenario: {scenario}\n{who}steps:\n{step}", encoding="utf-8")
        with pytest.raises(RunError) as refused:
            run_game(RunRequest(script=str(path)), print)
        assert words in refused.value.details, (name, refused.value.details)


def test_a_save_written_before_seats_loads_and_is_written_back_the_same(world, tmp_path):
    """A one-seat save made by the version before seats (format 1) still loads, verified by
    replay, and saving the game again gives the same file: one-seat saves did not change."""
    old = Path(__file__).parent / "data" / "one_seat_save_v1.json"
    save = read_save(old)
    assert save.players == ("UKR",) and save.seats == ()
    state = restore(world, save, str(old))
    assert state.role == "UKR" and state.turn == 5
    again = tmp_path / "again.json"
    save_game(again, world, state, str(SCENARIO))
    before = json.loads(old.read_text(encoding="utf-8"))
    after = json.loads(again.read_text(encoding="utf-8"))
    before["scenario"].pop("path")
    after["scenario"].pop("path")
    assert after == before


def test_each_seats_debrief_is_its_own_and_its_replay_command_replays(world):
    state, picks = _lists(world, ("TUR", "USA"), 3, 4)
    turkey = debrief_markdown(world, state, "TUR")
    usa = debrief_markdown(world, state, "USA")
    assert "- **Role:** Turkey (TUR)" in turkey and "- **Other players:** United States" in turkey
    assert "- **Role:** United States of America (USA)" in usa
    assert [d.option for d in decisions(world, state, "USA")] == picks["USA"]
    assert f"## Score: {score(world, state, 'USA').total} out of 100" in usa
    command = next(line for line in usa.splitlines() if "**Replay:**" in line).split("`")[1]
    args = shlex.split(command)[2:]  # after "detente run"
    assert args[1:3] == ["--seats", "TUR,USA"]
    seat_choose = tuple(args[i + 1] for i, a in enumerate(args) if a == "--choose")
    data, _, failed = _run(seats="TUR,USA", seed=int(args[4]), seat_choose=seat_choose)
    assert not failed
    assert data["seats"]["USA"]["choices"] == picks["USA"]
    assert data["final"]["relations"]["USA->TUR"] == state.rel[world.rel_index("USA", "TUR")]
    with pytest.raises(SeatError):
        debrief_markdown(world, state)


def test_a_save_with_seats_is_continued_from_the_command_line_without_naming_them(
    world, tmp_path, capsys
):
    save = tmp_path / "class.json"
    _run(seats="TUR,USA", seed=1, seat_choose=("TUR=tur_wait", "USA=usa_hold"), save=str(save))
    code = main(
        ["run", str(SCENARIO), "--load", str(save), "--choose", "TUR=tur_wait",
         "--choose", "USA=usa_hold", "--json"]
    )  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["seats"]["TUR"]["choices"] == ["tur_wait", "tur_wait"]
    code = main(["run", str(SCENARIO), "--load", str(save), "--choose", "tur_wait"])
    assert code == EXIT_INVALID
    assert "give --choose ROLE=ID" in capsys.readouterr().err


def test_a_one_role_step_in_a_game_with_seats_is_a_failure_not_a_crash(world, tmp_path):
    one_role = next(Path(SCENARIO).parents[1].glob("tests/playthroughs/s400_transfer-tur-*.yaml"))
    with pytest.raises(RunError, match="leave out --seats"):
        run_game(RunRequest(script=str(one_role), seats="TUR,USA"), print)
    script, _ = load_transcript(one_role)
    assert script is not None
    result = replay(world, ("TUR", "USA"), 0, script.transcript.steps, script.step_lines)
    assert not result.passed
    assert "each turn is a `play:` step" in result.failures[0].message
