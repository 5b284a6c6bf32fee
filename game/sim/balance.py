"""What many playthroughs say about a scenario's balance: the numbers of the report.

Endings and scores per role, how often each option is taken and what runs that take it score,
the common openings, the spread of relations turn by turn, and what looks dominant or rarely
used. It reads finished runs (``runs.Run``) and knows nothing of how they were played;
``simreport`` writes these numbers up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from game.engine import World
from game.sim.runs import Run, collector_paused

RARE_SHARE = 0.01
"""Options taken in fewer than this share of runs are listed as rarely used."""
DOMINANT_LIFT = 10.0
"""Score points above the alternatives that make an option or opening look dominant."""
MIN_SHARE_FOR_DOMINANCE = 0.05


@attrs.frozen
class OptionStats:
    option: str
    picked: int
    share: float
    """Share of runs in which the role took it at least once."""
    mean_score_with: float | None
    """Mean score of the runs that took it; None when no run did."""
    mean_score_without: float | None
    """Mean score of the runs that did not; None when every run took it (an empty group has
    no mean, and 0.0 in its place read as a lift of the whole score)."""

    @property
    def lift(self) -> float | None:
        """How much better the runs that took it scored; None when a group is empty."""
        if self.mean_score_with is None or self.mean_score_without is None:
            return None
        return self.mean_score_with - self.mean_score_without


@attrs.frozen
class RoleReport:
    role: str
    runs: int
    endings: dict[str, int]
    scores: dict[str, float]
    options: tuple[OptionStats, ...]
    openings: tuple[tuple[str, int, float], ...]
    """(first two moves, runs, mean score), most played first."""
    relations: tuple[dict[str, Any], ...]
    """Per turn: for each other actor, min/median/max of their view of the role and its view."""
    dominant: tuple[str, ...]
    failures: tuple[Run, ...]


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return (
        float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    )


def percentile(values: list[int], share: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))])


def role_report(world: World, role: str, runs: list[Run]) -> RoleReport:
    with collector_paused():
        return _role_report(world, role, runs)


def _role_report(world: World, role: str, runs: list[Run]) -> RoleReport:
    ok = [r for r in runs if not r.error]
    scores = [r.score for r in ok]
    endings = Counter(r.ending for r in ok)
    # One pass over the runs for every option at once (scores are ints, so the sums are
    # exact in any order); runs that share a choices tuple share its set.
    picked: Counter[str | None] = Counter()
    picked_score: Counter[str | None] = Counter()
    distinct: dict[tuple[str | None, ...], set[str | None]] = {}
    for r in ok:
        chosen = distinct.get(r.choices)
        if chosen is None:
            chosen = distinct[r.choices] = set(r.choices)
        for option_id in chosen:
            picked[option_id] += 1
            picked_score[option_id] += r.score
    total = sum(scores)
    options = []
    for option in (o for o in world.options if role in o.by):
        count, score_with = picked[option.id], picked_score[option.id]
        rest = len(ok) - count
        options.append(
            OptionStats(
                option.id,
                count,
                count / len(ok) if ok else 0.0,
                score_with / count if count else None,
                (total - score_with) / rest if rest else None,
            )
        )
    openings_count: Counter[str] = Counter()
    openings_score: Counter[str] = Counter()
    for r in ok:
        key = " → ".join(str(c) for c in r.choices[:2])
        openings_count[key] += 1
        openings_score[key] += r.score
    openings = tuple(
        (key, count, openings_score[key] / count) for key, count in openings_count.most_common()
    )
    dominant = []
    for stats in options:
        if stats.lift is None:
            continue  # nothing to compare with: every run took it, or none did
        if stats.share >= MIN_SHARE_FOR_DOMINANCE and stats.lift >= DOMINANT_LIFT:
            dominant.append(
                f"option '{stats.option}': runs that take it score {stats.lift:+.1f} points more "
                f"({stats.mean_score_with:.1f} vs {stats.mean_score_without:.1f})"
            )
    mean = sum(scores) / len(scores) if scores else 0.0
    common = [(k, c, s) for k, c, s in openings if c >= max(5, MIN_SHARE_FOR_DOMINANCE * len(ok))]
    if len(common) > 1:
        best = max(common, key=lambda o: o[2])
        others = [s for k, c, s in common if k != best[0]]
        if best[2] - max(others) >= DOMINANT_LIFT:
            dominant.append(
                f"opening '{best[0]}' averages {best[2]:.1f}, {best[2] - max(others):.1f} points "
                "above every other common opening"
            )
    return RoleReport(
        role=role,
        runs=len(runs),
        endings=dict(sorted(endings.items(), key=lambda kv: -kv[1])),
        scores={
            "min": float(min(scores, default=0)),
            "p10": percentile(scores, 0.1) if scores else 0.0,
            "median": median(scores) if scores else 0.0,
            "mean": round(mean, 2),
            "p90": percentile(scores, 0.9) if scores else 0.0,
            "max": float(max(scores, default=0)),
        },
        options=tuple(options),
        openings=openings[:8],
        relations=_relation_table(world, role, ok),
        dominant=tuple(dominant),
        failures=tuple(r for r in runs if r.error),
    )


def _relation_table(world: World, role: str, runs: list[Run]) -> tuple[dict[str, Any], ...]:
    others = [a for a in world.actor_ids if a != role]
    turns = max((len(r.relations) for r in runs), default=0)
    table = []
    for turn in range(turns):
        row: dict[str, Any] = {"turn": turn + 1}
        present = [r.relations[turn] for r in runs if len(r.relations) > turn]
        # Transposed with zip (at C speed): per other actor, its pairs over the runs, then
        # their views and yours.
        for other, pairs in zip(others, zip(*present, strict=True), strict=True):
            theirs, yours = zip(*pairs, strict=True)
            row[other] = {
                "their_view": (min(theirs), median(theirs), max(theirs)),
                "your_view": (min(yours), median(yours), max(yours)),
            }
        table.append(row)
    return tuple(table)


def rarely_taken(world: World, results: dict[str, list[Run]]) -> list[tuple[str, float]]:
    """Options any government took in under 1% of all runs, with their share."""
    every = [r for runs in results.values() for r in runs if not r.error]
    if not every:
        return []
    counts = Counter(option for r in every for option in r.taken)
    return [
        (o.id, counts[o.id] / len(every))
        for o in world.options
        if counts[o.id] / len(every) < RARE_SHARE
    ]
