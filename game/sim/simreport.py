"""Writing up a simulation: a readable report, JSON for machines, CSV of runs for spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

import attrs

from game.engine import World
from game.sim.balance import RoleReport
from game.sim.runs import Run

if TYPE_CHECKING:
    from game.sim.simulate import Simulation


def replay_command(scenario_path: str, run: Run) -> str:
    choices = ",".join(c or "-" for c in run.choices)
    command = f"detente run {scenario_path} --as {run.role} --seed {run.seed}"
    return f"{command} --choose {choices}" if choices else command


def played_by(simulation: Simulation) -> str:
    """How the runs were played, in a line: whoever reads the report should know when the
    batch engine declined (it is many times faster) and why."""
    if simulation.fallback is not None:
        return (
            f"Played game by game on the engine, not in batches: {simulation.fallback.detail} "
            f"({simulation.fallback.reason})."
        )
    if simulation.engine == "batch":
        return "Played in batches (numpy), run for run as the engine plays them."
    return f"Played game by game on the {simulation.engine} engine."


def render_text(
    world: World,
    scenario_path: str,
    reports: list[RoleReport],
    rare: list[tuple[str, float]],
    simulation: Simulation | None = None,
) -> str:
    lines = [f"Simulation of {world.scenario.title} ({scenario_path})"]
    if simulation is not None:
        lines.append(played_by(simulation))
        if simulation.seats:
            seats = ", ".join(f"{seat} ({policy})" for seat, policy in simulation.seats)
            lines.append(f"Each run is one game of these seats together: {seats}.")
    for report in reports:
        name = world.actor(report.role).name
        lines += ["", f"== As {name} ({report.role}): {report.runs} runs =="]
        lines.append("Endings:")
        total = sum(report.endings.values()) or 1
        for ending, count in report.endings.items():
            lines.append(f"  {ending:<28} {count:6d}  {100 * count / total:5.1f}%")
        s = report.scores
        lines.append(
            f"Score: min {s['min']:.0f}  p10 {s['p10']:.0f}  median {s['median']:.0f}  "
            f"mean {s['mean']:.1f}  p90 {s['p90']:.0f}  max {s['max']:.0f}"
        )
        lines.append("Options (share of runs taking it; mean score with / without):")
        for o in sorted(report.options, key=lambda o: -o.share):
            lift = "" if o.lift is None else f"  ({o.lift:+.1f})"
            lines.append(
                f"  {o.option:<28} {100 * o.share:5.1f}%  {_mean(o.mean_score_with)} / "
                f"{_mean(o.mean_score_without)}{lift}"
            )
        lines.append("Most common openings (first two moves: runs, mean score):")
        for key, count, mean in report.openings[:5]:
            lines.append(f"  {key:<50} {count:6d}  {mean:5.1f}")
        if report.relations:
            lines.append(
                "Relations after the last turn, min/median/max (their view of you | yours of them):"
            )
            last = report.relations[-1]
            for other, cell in last.items():
                if other == "turn":
                    continue
                t, y = cell["their_view"], cell["your_view"]
                lines.append(f"  {other:<6} {_spread(t)}  |  {_spread(y)}")
        if report.dominant:
            lines.append("Possible dominant strategies:")
            lines += [f"  ! {d}" for d in report.dominant]
        else:
            lines.append("No dominant strategy found.")
        for failure in report.failures:
            lines.append(f"FAILURE seed {failure.seed}: {failure.error}")
            lines.append(f"  replay: {replay_command(scenario_path, failure)}")
    lines.append("")
    if rare:
        lines.append("Options taken in under 1% of runs (by any government):")
        lines += [f"  {option:<28} {100 * share:.2f}%" for option, share in rare]
    else:
        lines.append("Every option was taken in at least 1% of runs.")
    failures = sum(len(r.failures) for r in reports)
    lines.append(f"{failures} failure(s).")
    return "\n".join(lines)


def _spread(values: tuple[float, float, float]) -> str:
    low, median, high = values
    return f"{low:+4.0f} {median:+6.1f} {high:+4.0f}"


def render_json(
    world: World,
    scenario_path: str,
    reports: list[RoleReport],
    rare: list[tuple[str, float]],
    simulation: Simulation | None = None,
) -> dict[str, Any]:
    def role(report: RoleReport) -> dict[str, Any]:
        data = attrs.asdict(report, recurse=True)
        data["options"] = [
            dict(attrs.asdict(o), lift=None if o.lift is None else round(o.lift, 3))
            for o in report.options
        ]
        data["failures"] = [
            {
                "seed": f.seed,
                "error": f.error,
                "choices": list(f.choices),
                "replay": replay_command(scenario_path, f),
            }
            for f in report.failures
        ]
        data["openings"] = [
            {"moves": k, "runs": c, "mean_score": round(m, 3)} for k, c, m in report.openings
        ]
        return data

    played: dict[str, Any] | None = None
    if simulation is not None:
        fallback = simulation.fallback
        played = {
            "engine": simulation.engine,
            "fallback": attrs.asdict(fallback) if fallback is not None else None,
        }
        if simulation.seats:  # each run one game of these seats, with their policies
            played["seats"] = dict(simulation.seats)
    return {
        "scenario": world.scenario.id,
        "path": scenario_path,
        "played": played,
        "roles": [role(r) for r in reports],
        "rarely_taken": [{"option": o, "share": s} for o, s in rare],
        "failures": sum(len(r.failures) for r in reports),
    }


def render_csv(runs: list[Run]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["role", "seed", "ending", "score", "choices", "error"])
    for run in runs:
        writer.writerow(
            [
                run.role,
                run.seed,
                run.ending,
                run.score,
                " ".join(str(c) for c in run.choices),
                run.error,
            ]
        )
    return out.getvalue()


def _mean(value: float | None) -> str:
    """A group's mean score in the options table: "n/a" for a group with no runs."""
    return "  n/a" if value is None else f"{value:5.1f}"
