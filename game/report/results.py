"""The instructor's class report: every student's ending, score, judgment and luck.

``class_report`` takes every seat's record (a verified game and who played it) and gives the
report; where the records come from is the caller's business: ``detente results --saves DIR``
reads a folder of saves students hand in, each verified by replay, and class play's server can
pass the seats of its own games. The report says, per scenario and role, each student's
ending and score with judgment and luck, their choices per turn as a table, and the class's
endings beside the computer's over the same number of other dice; as CSV for a gradebook, as
Markdown and as a self-contained HTML page.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

import attrs

from game.analysis import LuckReport, PlayRecord
from game.engine import State, World, score
from game.report.blocks import (
    Appendix,
    Block,
    Bullets,
    Chart,
    Heading,
    Para,
    Table,
    html_page,
    markdown,
)
from game.writeguard import GRADEBOOK, PAGE, REPORT

RUNS = 200
"""Other dice per student for luck and judgment (a class of 30 then takes under a minute)."""
AI_RUNS = 500
"""Games the computer plays each role for the endings it reaches."""


@attrs.frozen
class SeatRecord:
    """One student's game, verified: where it came from, the game, the seat, who played.

    Attributes:
        source: Where the record came from (a save's file name, a server's seat code).
        world, state: The game, replayed and checked.
        role: The seat.
        record: Who played, the advisor, the reflections.
    """

    source: str
    world: World
    state: State
    role: str
    record: PlayRecord


@attrs.frozen
class Refused:
    """A record that could not be used (a save that does not verify), and why."""

    source: str
    reason: str


@attrs.frozen
class Row:
    """One student's line in the report."""

    seat: SeatRecord
    ending: str
    ending_title: str
    score: int
    luck: LuckReport | None
    note: str


@attrs.frozen
class ClassReport:
    rows: tuple[Row, ...]
    refused: tuple[Refused, ...]
    ai_endings: dict[tuple[str, str], dict[str, float]]
    """Per (scenario id, role), the share of the computer's games reaching each ending."""

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "file",
                "student",
                "class",
                "scenario",
                "role",
                "seed",
                "turns",
                "ending",
                "score",
                "choices_median",
                "random_median",
                "judgment",
                "luck",
                "advisor",
                "verified",
            ]
        )
        for row in self.rows:
            s = row.seat
            luck = row.luck
            writer.writerow(
                [
                    s.source,
                    s.record.student,
                    s.record.class_name,
                    s.world.scenario.id,
                    s.role,
                    s.state.seed,
                    len(s.state.log),
                    row.ending,
                    row.score,
                    _num(luck.choices.median) if luck else "",
                    _num(luck.random_median) if luck else "",
                    _num(luck.judgment) if luck else "",
                    _num(luck.luck) if luck else "",
                    s.record.advisor_words(len(s.state.log)),
                    "yes",
                ]
            )
        for refused in self.refused:
            writer.writerow([refused.source, *[""] * 13, f"no: {refused.reason}"])
        return out.getvalue()

    def blocks(self, *, charts: bool) -> list[Block]:
        out: list[Block] = [Heading(1, "Class report: " + _title(self))]
        out.append(
            Para(
                f"{len(self.rows)} game(s) verified by replay"
                + (f"; {len(self.refused)} refused (listed at the end)." if self.refused else ".")
            )
        )
        groups: dict[tuple[str, str], list[Row]] = {}
        for row in self.rows:
            groups.setdefault((row.seat.world.scenario.id, row.seat.role), []).append(row)
        for (scenario_id, role), rows in groups.items():
            world = rows[0].seat.world
            out.append(Heading(2, f"{world.scenario.title}: {world.actor(role).name} ({role})"))
            out.append(
                Table(
                    ("Student", "Class", "Ending", "Score", "Judgment", "Luck", "Advisor"),
                    tuple(
                        (
                            r.seat.record.student or r.seat.source,
                            r.seat.record.class_name,
                            r.ending_title or "not over",
                            str(r.score),
                            _signed(r.luck.judgment) if r.luck else "",
                            _signed(r.luck.luck) if r.luck else "",
                            r.seat.record.advisor_words(len(r.seat.state.log)),
                        )
                        for r in rows
                    ),
                    (3, 4, 5),
                )
            )
            out.append(Heading(3, "Endings: the class and the computer"))
            ai = self.ai_endings.get((scenario_id, role), {})
            reached = Counter(r.ending for r in rows)
            ending_rows = []
            for ending in world.endings:
                count = reached.get(ending.id, 0)
                ending_rows.append(
                    (
                        ending.model.title,
                        f"{count} ({count / len(rows):.0%})",
                        f"{ai.get(ending.id, 0.0):.0%}",
                    )
                )
            out.append(
                Table(("Ending", "Class", "The computer's games"), tuple(ending_rows), (1, 2))
            )
            if charts:
                from game.report.charts import endings_chart

                out.append(
                    Chart(
                        f"endings-{scenario_id}-{role}",
                        endings_chart(
                            "Endings: the class and the computer",
                            [e.model.title for e in world.endings],
                            [reached.get(e.id, 0) / len(rows) * 100 for e in world.endings],
                            [ai.get(e.id, 0.0) * 100 for e in world.endings],
                        ),
                    )
                )
            out.append(Heading(3, "Choices, turn by turn"))
            turns = max(len(r.seat.state.log) for r in rows)
            out.append(
                Table(
                    ("Student", *(str(t) for t in range(1, turns + 1))),
                    tuple(
                        (
                            r.seat.record.student or r.seat.source,
                            *((c or "-") for c in r.seat.state.choices_of(r.seat.role)[:turns]),
                            *[""] * (turns - len(r.seat.state.log)),
                        )
                        for r in rows
                    ),
                )
            )
            used = sorted(
                {c for r in rows for c in r.seat.state.choices_of(r.seat.role) if c is not None}
            )
            out.append(Bullets(tuple(f"{c}: {world.option(c).label}" for c in used)))
        if self.refused:
            out.append(Appendix("Refused saves"))
            out.append(Bullets(tuple(f"{r.source}: {r.reason}" for r in self.refused)))
        return out

    def markdown(self) -> str:
        return markdown(self.blocks(charts=False))

    def html(self) -> str:
        return html_page("Class report: " + _title(self), self.blocks(charts=True))


def _title(report: ClassReport) -> str:
    titles = sorted({r.seat.world.scenario.title for r in report.rows})
    return "; ".join(titles) if titles else "no games"


def _num(value: float) -> str:
    return f"{value:g}"


def _signed(value: float) -> str:
    return f"{value:+.0f}" if float(value).is_integer() else f"{value:+.1f}"


def class_report(
    seats: list[SeatRecord],
    refused: list[Refused] | None = None,
    *,
    runs: int = RUNS,
    ai_runs: int = AI_RUNS,
) -> ClassReport:
    """Every seat's record in, the report out (luck for finished one-seat games)."""
    from game.sim.batch import play_batch
    from game.sim.luck import analyse_many, other_seeds

    # Finished one-seat games are analysed together, a batch per scenario and role.
    groups: dict[tuple[int, str], list[int]] = {}
    for index, seat in enumerate(seats):
        state = seat.state
        if state.over and not state.multi_seat:
            groups.setdefault((id(seat.world), seat.role), []).append(index)
    lucks: dict[int, LuckReport] = {}
    for indexes in groups.values():
        world = seats[indexes[0]].world
        found = analyse_many(world, [seats[i].state for i in indexes], runs=runs)
        lucks.update(zip(indexes, found, strict=True))
    rows = []
    for index, seat in enumerate(seats):
        world, state = seat.world, seat.state
        luck = lucks.get(index)
        note = ""
        if luck is None:
            note = "several seats" if state.multi_seat else "the game is not over"
        title = ""
        if state.ending is not None:
            title = next(e.model.title for e in world.endings if e.id == state.ending)
        rows.append(
            Row(seat, state.ending or "", title, score(world, state, seat.role).total, luck, note)
        )
    ai: dict[tuple[str, str], dict[str, float]] = {}
    for seat in seats:
        key = (seat.world.scenario.id, seat.role)
        if key in ai:
            continue
        runs_played, _ = play_batch(seat.world, seat.role, other_seeds(0, ai_runs), "ai")
        counts = Counter(run.ending for run in runs_played)
        ai[key] = {ending: n / len(runs_played) for ending, n in counts.items()}
    return ClassReport(tuple(rows), tuple(refused or ()), ai)


def results_command(
    folder: str,
    *,
    csv_path: str | None = None,
    markdown: str | None = None,
    html: str | None = None,
    runs: int | None = None,
) -> tuple[str, list[str]]:
    """`detente results --saves DIR`: the report of a folder of saves; the text to print
    (the Markdown when no file is asked for) and the files written."""
    from game.report.command import ReportError, open_saved_game, saves_in, write_document

    files = saves_in(folder)
    seats, refused = [], []
    for path in files:
        try:
            world, state, saved, _ = open_saved_game(str(path))
        except ReportError as error:
            refused.append(Refused(path.name, str(error).removeprefix(f"{path}: ")))
            continue
        for role in state.seats:
            seats.append(SeatRecord(path.name, world, state, role, saved.record))
    if not seats and not refused:
        raise ReportError(f"{folder}: no saves (.json files) in this folder")
    report = class_report(seats, refused, runs=runs or RUNS)
    inputs = [str(p) for p in files]
    written: list[str] = []
    for target, kind, text in (
        (csv_path, GRADEBOOK, report.csv),
        (markdown, REPORT, report.markdown),
        (html, PAGE, report.html),
    ):
        if target:
            write_document(target, kind, text(), inputs)
            written.append(target)
    return ("" if written else report.markdown()), written


__all__ = ["ClassReport", "Refused", "SeatRecord", "class_report", "results_command"]
