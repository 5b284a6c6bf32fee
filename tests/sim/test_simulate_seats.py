"""`detente simulate --seats`: each run is one game of several seats, each played by its
policy, and the report is per seat. The batch engine declares a fallback for games of
several seats, so the runs are the scalar engine's, and each equals the game
`detente run --seats ... --policy ...` plays with the same seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.engine import World
from game.scenario import load_scenario
from game.sim.run import RunRequest, run_game
from game.sim.simulate import BATCH, SCALAR, simulate

SEATS = ("NRL", "STH")


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sim-seats") / "river.yaml"
    assert main(["new", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def world(starter: Path) -> World:
    result = load_scenario(starter)
    assert result.loaded is not None
    return World.build(result.loaded)


@pytest.mark.parametrize("policy", ["uniform", "ai"])
def test_each_run_is_the_game_detente_run_seats_plays(
    starter: Path, world: World, policy: str
) -> None:
    simulation = simulate(
        world, str(starter), SEATS, 12, 40, policy, seat_policies=(policy, policy)
    )
    assert simulation.seats == (("NRL", policy), ("STH", policy))
    for k in range(12):
        seed = 40 + k
        outcome = run_game(
            RunRequest(str(starter), seats=",".join(SEATS), policy=policy, seed=seed, json=True),
            lambda _: None,
        )
        data = json.loads(outcome.output)
        for seat in SEATS:
            run = simulation.runs[seat][k]
            assert run.seed == seed and run.role == seat and not run.error
            assert list(run.choices) == data["seats"][seat]["choices"]
            assert run.score == data["seats"][seat]["score"]["total"]
            assert run.ending == data["ending"]


def test_the_batch_declares_seats_and_equals_the_scalar_engine(starter: Path, world: World) -> None:
    """Asked for the batch, a simulation of seats says why it played game by game, and its
    runs are the scalar engine's, run for run; per-seat policies are kept apart."""
    policies = ("uniform", "ai")
    batch = simulate(
        world, str(starter), SEATS, 30, 7, "uniform", engine=BATCH, seat_policies=policies
    )
    scalar = simulate(
        world, str(starter), SEATS, 30, 7, "uniform", engine=SCALAR, seat_policies=policies
    )
    assert batch.fallback is not None and batch.fallback.reason == "seats"
    assert batch.runs == scalar.runs
    all_uniform = simulate(
        world,
        str(starter),
        SEATS,
        30,
        7,
        "uniform",
        engine=SCALAR,
        seat_policies=("uniform", "uniform"),
    )
    assert all_uniform.runs["STH"] != scalar.runs["STH"]  # STH played by the ai policy


def test_one_seat_is_the_one_role_simulation_in_batches(starter: Path, world: World) -> None:
    """`--seats NRL` is the `--as NRL` game: the batch plays it, with the seat's policy."""
    seats = simulate(world, str(starter), ("NRL",), 20, 3, "uniform", seat_policies=("ai",))
    one = simulate(world, str(starter), ("NRL",), 20, 3, "ai")
    assert seats.fallback is None and seats.engine == "batch"
    assert seats.runs == one.runs


def test_the_command_reports_per_seat_and_refuses_bad_seats(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(starter)
    code = main(
        [
            "simulate",
            path,
            "--seats",
            "STH,NRL",
            "--policy",
            "STH=ai",
            "--runs",
            "5",
            "--json",
            "--quiet",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["played"]["seats"] == {"NRL": "uniform", "STH": "ai"}
    assert data["played"]["fallback"]["reason"] == "seats"
    assert [r["role"] for r in data["roles"]] == ["NRL", "STH"]
    for args, message in [
        (["--seats", "NRL,XX"], "give different playable roles"),
        (["--seats", "NRL,NRL"], "give different playable roles"),
        (["--policy", "STH=ai"], "a policy per seat needs --seats"),
        (["--seats", "NRL,STH", "--policy", "RGC=ai"], "RGC is not one of the seats"),
        (["--seats", "NRL,STH", "--policy", "NRL=clever"], "no such policy"),
        (["--seats", "NRL,STH", "--as", "NRL"], "leave out --as"),
    ]:
        assert main(["simulate", path, "--runs", "2", "--quiet", *args]) == 1
        assert message in capsys.readouterr().err
