"""Offers headless: `detente run --answer`, policies that answer, transcripts' `answer:` and
`offer:` steps, and saves that keep the answers; on the starter, whose Southland proposes a
water quota that Northland answers."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from game.cli import main
from game.debrief import debrief_markdown
from game.engine import World, ai_answer, new_game, play_turn
from game.exitcodes import EXIT_INVALID, EXIT_UNREADABLE
from game.saves import read_save, restore
from game.scenario import load_scenario
from game.sim.run import RunError, RunRequest, run_game
from game.sim.transcript import check_steps, load_transcript, replay

WAITS = "hold_firm,hold_firm,hold_firm"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("offers") / "river.yaml"
    assert main(["new", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def world(starter: Path) -> World:
    result = load_scenario(starter)
    assert result.loaded is not None
    return World.build(result.loaded)


def _run(starter: Path, **fields) -> tuple[dict, list[str], bool]:
    warnings: list[str] = []
    outcome = run_game(RunRequest(str(starter), json=True, **fields), warnings.append)
    return json.loads(outcome.output), warnings, outcome.failed


def _offers(data: dict) -> list[tuple[int, str, str]]:
    return [
        (turn["turn"], news["offer"], news["outcome"])
        for turn in data["turns"]
        for news in turn.get("offers", [])
    ]


@pytest.mark.parametrize("answer", ["accept", "decline", "counter"])
def test_a_listed_seat_answers_with_answer_and_the_run_is_the_engine_game(
    starter: Path, world: World, answer: str
) -> None:
    data, warnings, failed = _run(
        starter,
        seats="NRL,STH",
        seed=2,
        seat_choose=(f"NRL={WAITS}", f"STH=propose_quota,{WAITS[:-10]}"),
        answer=(f"NRL=2:propose_quota={answer}",),
    )
    assert not failed and warnings == []
    outcome = {"accept": "accepted", "decline": "declined", "counter": "countered"}[answer]
    assert _offers(data) == [(1, "propose_quota", "made"), (2, "propose_quota", outcome)]

    state = new_game(world, seats=("NRL", "STH"), seed=2)
    state = play_turn(world, state, {"NRL": "hold_firm", "STH": "propose_quota"})
    state = play_turn(
        world,
        state,
        {"NRL": "hold_firm", "STH": "hold_firm"},
        answers={"NRL": {"propose_quota": answer}},
    )
    state = play_turn(world, state, {"NRL": "hold_firm", "STH": "hold_firm"})
    assert data["final"]["relations"]["NRL->STH"] == state.rel[world.rel_index("NRL", "STH")]
    assert (
        data["final"]["stats"]["NRL.support"]
        == state.stats[world.stat_keys.index(("NRL", "support"))]
    )


def test_an_offer_a_listed_seat_leaves_unanswered_expires(starter: Path) -> None:
    data, _, failed = _run(
        starter,
        seats="NRL,STH",
        seed=2,
        seat_choose=(f"NRL={WAITS}", f"STH=propose_quota,{WAITS[:-10]}"),
    )
    assert not failed
    assert _offers(data)[-1] == (3, "propose_quota", "expired")


def test_a_computer_party_answers_as_the_ai_would(starter: Path, world: World) -> None:
    data, _, failed = _run(starter, role="STH", seed=3, choose="propose_quota,protest")
    assert not failed
    state = play_turn(world, new_game(world, "STH", 3), "propose_quota")
    expected = {"accept": "accepted", "decline": "declined", "counter": "countered"}[
        ai_answer(world, state, "NRL", "propose_quota")
    ]
    assert _offers(data)[-1] == (2, "propose_quota", expected)


def test_the_one_seat_form_takes_an_answer_without_a_role(starter: Path) -> None:
    # with seed 2 the computer's Southland proposes on turn 1; with seed 1 it does not
    data, warnings, failed = _run(
        starter, role="NRL", seed=2, choose=WAITS, answer=("2:propose_quota=accept",)
    )
    assert not failed and warnings == []
    assert _offers(data) == [(1, "propose_quota", "made"), (2, "propose_quota", "accepted")]

    _, warnings, failed = _run(
        starter, role="NRL", seed=1, choose=WAITS, answer=("2:propose_quota=accept",)
    )
    assert failed
    assert warnings == [
        "error: turn 2: NRL has no open offer 'propose_quota' to answer; available: none"
    ]


@pytest.mark.parametrize(
    ("answer", "code", "fragment"),
    [
        ("NRL=two:propose_quota=accept", EXIT_UNREADABLE, "write --answer [ROLE=]TURN"),
        ("NRL=2:propose_quota", EXIT_UNREADABLE, "write --answer [ROLE=]TURN"),
        ("2:propose_quota=accept", EXIT_INVALID, "name the seat that answers"),
        ("XXX=2:propose_quota=accept", EXIT_INVALID, "XXX is not a seat played by a --choose"),
    ],
)
def test_a_malformed_answer_is_refused_before_play(
    starter: Path, answer: str, code: int, fragment: str
) -> None:
    with pytest.raises(RunError, match=fragment.replace("[", r"\[")) as refused:
        _run(
            starter,
            seats="NRL,STH",
            seat_choose=(f"NRL={WAITS}", f"STH={WAITS}"),
            answer=(answer,),
        )
    assert refused.value.code == code


def test_answer_without_a_list_is_refused(starter: Path) -> None:
    with pytest.raises(RunError, match="--answer goes with --choose") as refused:
        _run(starter, role="NRL", policy="ai", answer=("2:propose_quota=accept",))
    assert refused.value.code == EXIT_UNREADABLE


def test_an_answer_that_cannot_be_given_fails_the_run_at_its_turn(starter: Path) -> None:
    _, warnings, failed = _run(
        starter,
        seats="NRL,STH",
        seed=2,
        seat_choose=(f"NRL={WAITS}", f"STH=propose_quota,{WAITS[:-10]}"),
        answer=("NRL=2:propose_quota=maybe",),
    )
    assert failed
    assert warnings == [
        "error: turn 2: NRL: 'maybe' is not an answer to 'propose_quota'; answer accept or "
        "decline or counter; available: accept, decline, counter"
    ]


@pytest.mark.parametrize("policy", ["ai", "random"])
def test_policies_answer_for_their_seats_and_replay_the_same(starter: Path, policy: str) -> None:
    runs = [
        _run(
            starter,
            seats="NRL,STH",
            seed=seed,
            seat_choose=(f"STH=propose_quota,{WAITS}",),
            policy=policy,
        )[0]
        for seed in (5, 5, 6)
    ]
    assert runs[0] == runs[1]
    assert _offers(runs[0])[1][2] in ("accepted", "declined", "countered")


def test_a_save_keeps_the_answers_and_replays_them(starter: Path, tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    _run(
        starter,
        seats="NRL,STH",
        seed=2,
        seat_choose=("NRL=hold_firm,hold_firm", "STH=propose_quota,hold_firm"),
        answer=("NRL=2:propose_quota=counter",),
        save=str(save),
    )
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["answers"] == [[2, "NRL", "propose_quota", "counter"]]
    result = load_scenario(starter)
    assert result.loaded is not None
    state = restore(World.build(result.loaded), read_save(save), str(save))
    assert [(a.turn, a.role, a.offer, a.answer) for a in state.answers] == [
        (2, "NRL", "propose_quota", "counter")
    ]
    # a save whose answer was edited no longer replays to its position
    data["answers"][0][3] = "accept"
    save.write_text(json.dumps(data), encoding="utf-8")
    assert main(["run", str(starter), "--load", str(save), "--seats", "NRL,STH"]) == 2


TRANSCRIPT = """
scenario: river.yaml
seats: [NRL, STH]
seed: 2
steps:
  - play: {{NRL: hold_firm, STH: propose_quota}}
  - offer: {{propose_quota: open}}
  - answer: {{NRL: {{propose_quota: {answer}}}}}
  - play: {{NRL: hold_firm, STH: hold_firm}}
  - offer: {{propose_quota: {outcome}}}
"""


@pytest.mark.parametrize(
    ("answer", "outcome", "passes"),
    [("accept", "accepted", True), ("decline", "declined", True), ("decline", "accepted", False)],
)
def test_a_transcript_answers_offers_and_expects_their_outcome(
    starter: Path, world: World, answer: str, outcome: str, passes: bool
) -> None:
    path = starter.parent / f"t-{answer}-{outcome}.yaml"
    path.write_text(TRANSCRIPT.format(answer=answer, outcome=outcome), encoding="utf-8")
    script, problems = load_transcript(path)
    assert script is not None, problems
    t = script.transcript
    assert check_steps(world, t.steps, t.seats) == []
    result = replay(world, tuple(t.seats or ()), t.seed, t.steps, script.step_lines)
    assert result.passed is passes
    if not passes:
        assert [f.message for f in result.failures] == [
            "turn 3: expected offer 'propose_quota' accepted, but declined"
        ]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("offer: {propose_qota: open}", "no offer 'propose_qota'; did you mean 'propose_quota'?"),
        ("offer: {propose_quota: signed}", "an offer stands open, accepted, declined"),
        ("answer: {STH: {propose_quota: accept}}", "'propose_quota' is not made to STH"),
        ("answer: {NRL: {propose_quota: maybe}}", "answer 'maybe' to 'propose_quota'"),
        ("answer: {NRL: {hold_firm: accept}}", "no offer 'hold_firm'"),
    ],
)
def test_transcript_offer_steps_are_checked_before_play(
    starter: Path, world: World, step: str, message: str
) -> None:
    path = starter.parent / "bad.yaml"
    path.write_text(
        f"scenario: river.yaml\nseats: [NRL, STH]\nsteps:\n  - {step}\n", encoding="utf-8"
    )
    script, problems = load_transcript(path)
    assert script is not None, problems
    found = check_steps(world, script.transcript.steps, script.transcript.seats)
    assert any(message in text for _, text in found), found


def test_the_debrief_replay_command_gives_the_answers_too(starter: Path, world: World) -> None:
    state = new_game(world, seats=("NRL", "STH"), seed=4)
    state = play_turn(world, state, {"NRL": "hold_firm", "STH": "propose_quota"})
    state = play_turn(
        world,
        state,
        {"NRL": "open_sluices", "STH": "hold_firm"},
        answers={"NRL": {"propose_quota": "counter"}},
    )
    text = debrief_markdown(world, state, "STH")
    command = next(line for line in text.splitlines() if "**Replay:**" in line).split("`")[1]
    assert command.endswith("--answer NRL=2:propose_quota=counter")
    args = shlex.split(command)[2:]  # after "detente run"
    data, warnings, failed = _run(
        starter,
        seats="NRL,STH",
        seed=int(args[args.index("--seed") + 1]),
        seat_choose=tuple(args[i + 1] for i, a in enumerate(args) if a == "--choose"),
        answer=tuple(args[i + 1] for i, a in enumerate(args) if a == "--answer"),
    )
    assert not failed and warnings == []
    assert _offers(data)[-1] == (2, "propose_quota", "countered")
    assert data["final"]["relations"]["NRL->STH"] == state.rel[world.rel_index("NRL", "STH")]
