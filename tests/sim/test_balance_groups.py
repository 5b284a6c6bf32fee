"""The simulation report compares runs that took an option with runs that did not; when one
of the two groups is empty there is nothing to compare (issue 16: it printed 0.0)."""

from __future__ import annotations

from pathlib import Path

from game.engine import World
from game.scenario import load_scenario
from game.sim.balance import rarely_taken, role_report
from game.sim.runs import Run
from game.sim.simreport import render_json, render_text

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"


def runs(world: World) -> list[Run]:
    """Twenty runs: every one takes the letter; half also take the commission and do well."""
    made = []
    for seed in range(20):
        commission = seed % 2 == 0
        choices = ("vel_friendly_letter", "vel_propose_commission" if commission else "vel_wait")
        made.append(Run("VEL", seed, choices, "e", 80 if commission else 40, (), ()))
    return made


def test_an_option_every_run_took_has_no_without_group() -> None:
    world = World.build(load_scenario(str(TUTORIAL)).loaded)
    report = role_report(world, "VEL", runs(world))
    stats = {o.option: o for o in report.options}

    letter = stats["vel_friendly_letter"]
    assert (letter.share, letter.mean_score_with, letter.mean_score_without) == (1.0, 60.0, None)
    assert letter.lift is None
    never = stats["vel_sign_accord"]
    assert (never.share, never.mean_score_with, never.lift) == (0.0, None, None)
    commission = stats["vel_propose_commission"]
    assert (commission.mean_score_with, commission.mean_score_without) == (80.0, 40.0)

    assert not any("option 'vel_friendly_letter'" in d for d in report.dominant)
    assert any("option 'vel_propose_commission'" in d for d in report.dominant)

    text = render_text(world, "t.yaml", [report], rarely_taken(world, {"VEL": runs(world)}))
    line = next(x for x in text.splitlines() if x.strip().startswith("vel_friendly_letter"))
    assert line.split()[1:] == ["100.0%", "60.0", "/", "n/a"]
    line = next(x for x in text.splitlines() if x.strip().startswith("vel_propose_commission"))
    assert line.split()[1:] == ["50.0%", "80.0", "/", "40.0", "(+40.0)"]

    data = render_json(world, "t.yaml", [report], [])
    letter_json = next(
        o for o in data["roles"][0]["options"] if o["option"] == "vel_friendly_letter"
    )
    assert letter_json["mean_score_without"] is None and letter_json["lift"] is None
