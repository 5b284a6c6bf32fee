"""The debrief worth handing in: who played what, how it ended, how much was luck, and why.

One list of blocks (``game.report.blocks``) makes both the Markdown file and the HTML page.
The body fits two printed pages: the header, the ending and score, luck and judgment, the
decisions with the mark of each move and what gained or cost most, the facts the moves rested
on, the student's reflections, and where each relation went (start, lowest, highest, end).
The turn-by-turn change log, the full relation paths and the sources follow in an appendix.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from game.analysis import LuckReport, PlayRecord
from game.debrief import change_text, decisions, long_date, relation_history
from game.engine import State, World, new_game, play_turn, score
from game.engine.narrate import actor_name, headlines
from game.report.blocks import (
    Appendix,
    Block,
    Bullets,
    Chart,
    Charts,
    Heading,
    Para,
    Table,
    html_page,
    markdown,
)

TOP_TURNS = 3
"""How many decisions the body names as gaining or costing most in expectation."""


@attrs.frozen
class Debrief:
    """Everything one seat's debrief shows, worked out once for every format.

    Attributes:
        world, state: The game (finished or not).
        role: The seat it is about.
        record: Who played, the advisor, the reflections (from the save or the session).
        luck: Luck apart from judgment (None when not worked out: see ``luck_note``).
        luck_note: Why there is no luck analysis ('' when there is one).
        date: The day the debrief was made.
        scenario_path: The scenario's file, for the replay command.
    """

    world: World
    state: State
    role: str
    record: PlayRecord
    luck: LuckReport | None
    luck_note: str
    date: datetime.date
    scenario_path: str

    def markdown(self) -> str:
        return markdown(blocks(self, charts=False))

    def html(self) -> str:
        title = f"Debrief: {self.world.scenario.title} ({self.role})"
        return html_page(title, blocks(self, charts=True))

    def summary(self) -> dict[str, Any]:
        """`detente debrief --json`: the documented figures, and what identifies the game."""
        card = score(self.world, self.state, self.role)
        data: dict[str, Any] = {
            "scenario": self.world.scenario.id,
            "role": self.role,
            "seed": self.state.seed,
            "student": self.record.student,
            "class": self.record.class_name,
            "advisor": self.record.advisor_words(len(self.state.log)),
            "ending": self.state.ending,
            "score": card.total,
        }
        if self.luck is not None:
            data.update(self.luck.summary())
        else:
            data["luck_note"] = self.luck_note
        data["choices"] = list(self.state.choices_of(self.role))
        return data


def make_debrief(
    world: World,
    state: State,
    record: PlayRecord,
    *,
    scenario_path: str,
    role: str | None = None,
    runs: int | None = None,
    turn_runs: int | None = None,
    date: datetime.date | None = None,
) -> Debrief:
    """The debrief of a game, with the luck analysis when the game allows one."""
    from game.sim.luck import RUNS, TURN_RUNS, NotAnalysable, analyse

    role = role or (state.seats[0] if state.multi_seat else state.role)
    luck, note = None, ""
    try:
        luck = analyse(
            world,
            state,
            runs=runs or RUNS,
            turn_runs=turn_runs if turn_runs is not None else TURN_RUNS,
        )
    except NotAnalysable as reason:
        note = str(reason)
    return Debrief(
        world, state, role, record, luck, note, date or datetime.date.today(), scenario_path
    )


def _signed(value: float) -> str:
    return f"{value:+.0f}" if float(value).is_integer() else f"{value:+.1f}"


def _plain(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def blocks(d: Debrief, *, charts: bool) -> list[Block]:
    """The debrief as blocks: the two-page body, then the appendix."""
    world, state, role = d.world, d.state, d.role
    scenario = world.scenario
    me = world.actor(role)
    card = score(world, state, role)
    out: list[Block] = [Heading(1, f"Debrief: {scenario.title}")]
    rows = _header_rows(d)
    replay = rows.pop()
    paired = [
        (*rows[i], *(rows[i + 1] if i + 1 < len(rows) else ("", "")))
        for i in range(0, len(rows), 2)
    ]
    out.append(Table(("", "", "", ""), tuple(paired)))
    out.append(Para(f"**Replay:** {replay[1]}"))

    if state.ending is not None:
        ending = next(e.model for e in world.endings if e.id == state.ending)
        out.append(Heading(2, f"Ending: {ending.title}"))
        if ending.text:
            out.append(Para(" ".join(ending.text.split())))
    else:
        out.append(Heading(2, "The game is not over"))
        out.append(Para(f"Next is turn {state.turn} of {scenario.turns}."))
    goals = "; ".join(f"{g.label} {g.score:.0f}" for g in card.goals)
    out.append(Heading(2, f"Score: {card.total} out of 100"))
    out.append(
        Para(
            f"Goals ({1 - card.ending_share:.0%} of the total): {goals}. "
            f"The ending ({card.ending_share:.0%}): {card.ending_score:.0f}."
        )
    )

    out += _luck_blocks(d, charts)
    out += _decision_blocks(d)
    out += _relation_blocks(d, me.name, charts)

    out.append(Appendix("Appendix"))
    out += _appendix(d)
    return out


def _header_rows(d: Debrief) -> list[tuple[str, str]]:
    world, state, role = d.world, d.state, d.role
    me = world.actor(role)
    student = d.record.student or "(not given)"
    if d.record.class_name:
        student += f", class {d.record.class_name}"
    path = d.scenario_path or f"{world.scenario.id}.yaml"
    if state.multi_seat:
        seats = " ".join(
            f"--choose {s}={','.join(c or '-' for c in state.choices_of(s))}" for s in state.seats
        )
        replay = f"detente run {path} --seats {','.join(state.seats)} --seed {state.seed} {seats}"
    else:
        choices = ",".join(c or "-" for c in state.choices)
        replay = f"detente run {path} --as {role} --seed {state.seed} --choose {choices}"
    rows = [
        ("**Student**", student),
        ("**Date**", long_date(d.date)),
        ("**Scenario**", world.scenario.id),
        ("**Role**", f"{me.name} ({role})" + (f", {me.leader}" if me.leader else "")),
        ("**Seed**", str(state.seed)),
        ("**Turns played**", f"{len(state.log)} of {world.scenario.turns}"),
        ("**Advisor**", d.record.advisor_words(len(state.log))),
        ("**Replay**", f"`{replay}`"),
    ]
    if state.multi_seat:
        others = ", ".join(actor_name(world, s) for s in state.seats if s != role)
        rows.insert(4, ("**Other players**", others))
    return rows


def _luck_blocks(d: Debrief, charts: bool) -> list[Block]:
    out: list[Block] = [Heading(2, "Luck and judgment")]
    luck = d.luck
    if luck is None:
        out.append(Para(f"Not worked out: {d.luck_note}."))
        return out
    mine = luck.choices
    first, last = luck.seeds[0], luck.seeds[-1]
    out.append(
        Para(
            f"Your choices were replayed under {len(luck.seeds)} other dice (seeds {first} to "
            f"{last}): your move wherever the game still offered it, the computer's where it "
            f"did not. They score a median of **{_plain(mine.median)}** (the middle 80% between "
            f"{_plain(mine.p10)} and {_plain(mine.p90)})."
        )
    )
    rows = [
        (dist.label, _plain(dist.median), _plain(dist.p10), _plain(dist.p90))
        for dist in luck.distributions
    ]
    out.append(
        Table(
            ("Way of playing, same dice", "Median", "10th pct.", "90th pct."),
            tuple(rows),
            (1, 2, 3),
        )
    )
    out.append(
        Para(
            f"**Judgment: {_signed(luck.judgment)}** (your choices' median minus random "
            f"play's). **Luck: {_signed(luck.luck)}** (your score, {luck.score}, minus your "
            "choices' median: above zero, the dice were kind to you)."
        )
    )
    if charts:
        from game.report.charts import line_chart

        labels = ["start", *(str(t) for t in range(1, len(d.state.log) + 1))]
        scores = _scores_over_time(d.world, d.state, d.role)
        out.append(
            Charts(
                (
                    Chart("luck", _chart_distribution(luck)),
                    _relations_chart(d),
                    Chart(
                        "score",
                        line_chart(
                            "Your score, turn by turn", labels, [("Score", scores)], low=0, high=100
                        ),
                    ),
                )
            )
        )
    return out


def _chart_distribution(luck: LuckReport) -> str:
    from game.report.charts import distribution_chart

    return distribution_chart("Scores over the same other dice", luck.distributions, luck.score)


def _decision_blocks(d: Debrief) -> list[Block]:
    world, state, role = d.world, d.state, d.role
    out: list[Block] = [Heading(2, "Your decisions")]
    values = {t.turn: t for t in d.luck.turns} if d.luck is not None else {}
    rows = []
    for decision in decisions(world, state, role):
        mark = _basis(world, decision.option)
        value = values.get(decision.turn)
        gain = _signed(value.gain) if value is not None and value.alternatives else ""
        rows.append(
            (
                str(decision.turn),
                decision.label + (f" ({mark})" if mark else ""),
                decision.outcome,
                gain,
            )
        )
    header = ("Turn", "Decision", "Outcome", "vs best other")
    out.append(Table(header, tuple(rows), (0, 3)))
    if values:
        dice = d.luck.turn_seeds if d.luck else 0
        out.append(
            Para(
                "“vs best other”: the mean score of your choices minus that of the best other "
                f"move open that turn, each played on the same {dice} dice with the rest of your "
                "choices unchanged (above zero: your move was the best)."
            )
        )
        ranked = sorted(
            (v for v in values.values() if v.alternatives), key=lambda v: abs(v.gain), reverse=True
        )[:TOP_TURNS]
        items = []
        for v in ranked:
            best = v.best_alternative
            assert best is not None
            verb = "gained" if v.gain >= 0 else "cost"
            items.append(
                f"Turn {v.turn}: “{v.chosen_label}” {verb} {abs(v.gain):.1f} points in "
                f"expectation against “{best[1]}”."
            )
        if items:
            out.append(Heading(3, "The decisions that mattered most"))
            out.append(Bullets(tuple(items)))
    facts = _facts(world, state, role)
    if facts:
        out.append(Heading(3, "The facts your moves rested on"))
        out.append(Bullets(tuple(facts), compact=True))
    if d.record.reflections:
        out.append(Heading(3, "Your reflections"))
        out.append(
            Bullets(
                tuple(
                    f"{'At the end' if r.turn is None else f'Turn {r.turn}'}: {r.prompt} "
                    f"**{r.text}**"
                    for r in d.record.reflections
                )
            )
        )
    return out


def _basis(world: World, option: str | None) -> str:
    """How well the move is grounded (``basis:``: documented, plausible, invented), when the
    scenario says."""
    if option is None:
        return ""
    basis = getattr(world.option(option), "basis", None)
    return str(basis) if basis else ""


def _facts(world: World, state: State, role: str) -> list[str]:
    """Each fact the seat's moves cite, once, with the turns that rested on it."""
    known = world.loaded.facts
    turns: dict[str, list[int]] = {}
    for turn, option in enumerate(state.choices_of(role), start=1):
        if option is None:
            continue
        for fact in world.option(option).facts:
            turns.setdefault(fact, []).append(turn)
    return [
        f"{known[f].claim if f in known else f} (turn{'s' if len(t) > 1 else ''} "
        f"{', '.join(map(str, t))})"
        for f, t in turns.items()
    ]


def _relation_blocks(d: Debrief, name: str, charts: bool) -> list[Block]:
    world, state, role = d.world, d.state, d.role
    history = relation_history(world, state)
    out: list[Block] = [Heading(2, "Relations: where each went")]
    rows = []
    for other in world.actor_ids:
        if other == role:
            continue
        theirs = [h[world.rel_index(other, role)] for h in history]
        yours = [h[world.rel_index(role, other)] for h in history]
        rows.append(
            (
                actor_name(world, other),
                f"{theirs[0]:+d} → {theirs[-1]:+d} ({min(theirs):+d} to {max(theirs):+d})",
                f"{yours[0]:+d} → {yours[-1]:+d}",
            )
        )
    out.append(
        Table(
            (
                "Government",
                f"How they see {name}: start → end (range)",
                "How you see them",
            ),
            tuple(rows),
        )
    )
    if charts and d.luck is None:  # else drawn beside the luck distribution
        from game.report.charts import line_chart

        labels = ["start", *(str(t) for t in range(1, len(history)))]
        scores = _scores_over_time(world, state, role)
        score_chart = line_chart(
            "Your score, turn by turn", labels, [("Score", scores)], low=0, high=100
        )
        out.append(Charts((_relations_chart(d), Chart("score", score_chart))))
    return out


def _relations_chart(d: Debrief) -> Chart:
    """How every other government saw the seat, from the start to the last turn."""
    from game.report.charts import line_chart

    world, role = d.world, d.role
    history = relation_history(world, d.state)
    low, high = world.scenario.rules.relation_bounds
    labels = ["start", *(str(t) for t in range(1, len(history)))]
    series = [
        (actor_name(world, o), [h[world.rel_index(o, role)] for h in history])
        for o in world.actor_ids
        if o != role
    ]
    name = world.actor(role).name
    return Chart(
        "relations",
        line_chart(f"How they see {name}, turn by turn", labels, series, low=low, high=high),
    )


def _scores_over_time(world: World, state: State, role: str) -> list[int]:
    """The seat's score at the start and after each turn, by replaying the game."""
    position = (
        new_game(world, seats=state.seats, seed=state.seed)
        if state.multi_seat
        else new_game(world, role, state.seed)
    )
    out = [score(world, position, role).total]
    for index in range(len(state.log)):
        choice: Any
        if state.multi_seat:
            choice = {s: state.choices_of(s)[index] for s in state.seats}
        else:
            choice = state.choices[index]
        position = play_turn(world, position, choice, record=False)
        out.append(score(world, position, role).total)
    return out


def _appendix(d: Debrief) -> list[Block]:
    world, state, role = d.world, d.state, d.role
    out: list[Block] = [Heading(2, "Relations, turn by turn")]
    history = relation_history(world, state)
    rows = []
    for other in world.actor_ids:
        if other == role:
            continue
        theirs = " ".join(f"{h[world.rel_index(other, role)]:+d}" for h in history)
        yours = " ".join(f"{h[world.rel_index(role, other)]:+d}" for h in history)
        rows.append((actor_name(world, other), theirs, yours))
    out.append(Table(("Government", "How they see you", "How you see them"), tuple(rows)))
    out.append(Heading(2, "Turn by turn: what changed, and why"))
    for report in state.log:
        out.append(Heading(3, f"Turn {report.turn}: {long_date(world.date_of(report.turn))}"))
        news = headlines(world, report, skip_actor=role)
        items = [f"News: {item}" for item in news]
        items += [change_text(world, change) for change in report.changes]
        if items:
            out.append(Bullets(tuple(items)))
    if world.loaded.briefs:
        out.append(Heading(2, "Sources"))
        sources = []
        for brief in world.loaded.briefs:
            c = brief.citation
            by = f" by {c.author}" if c.author else ""
            where = f" <{c.url}>" if c.url else ""
            sources.append(f"{c.outlet}, “{c.title}”{by}, {c.date}.{where}")
        out.append(Bullets(tuple(sources)))
    return out
