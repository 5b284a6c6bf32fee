"""What a finished (or unfinished) game was, in words: timeline, trajectories, debrief text.

Pure functions of a ``World`` and a ``State``: the app's end screen and its Markdown export
use them, and an instructor gets the same account whichever produced it. Everything here
reads the state's turn log (``State.log``), so it needs a game played with recording on, as
the app and ``detente run`` both do.
"""

from __future__ import annotations

import datetime

import attrs

from game.engine import Cause, Change, State, World, score
from game.engine.narrate import (
    actor_name,
    basis_text,
    describe_amount,
    describe_cause,
    describe_change,
    full_name,
    headlines,
    offer_headline,
)

OUTCOME_WORDS = {
    "success": "done",
    "failure": "failed",
    "pending": "under way",
    "none": "waited",
}
"""How a move's outcome reads to a student (the engine's words are for programs)."""


@attrs.frozen
class Decision:
    """One of the player's turns: what they chose and how it went."""

    turn: int
    date: datetime.date
    option: str | None
    label: str
    outcome: str


def long_date(date: datetime.date) -> str:
    """'21 March 2022': unambiguous to readers in any country."""
    return f"{date.day} {date:%B %Y}"


def relation_history(world: World, state: State) -> tuple[tuple[int, ...], ...]:
    """The relation array before turn 1 and after each turn played, rebuilt from the log.

    Replaying the changes' ``after`` values in order gives exactly the numbers the engine
    reached, without running the rules again.
    """
    current = list(world.initial_rel)
    history = [tuple(current)]
    for report in state.log:
        for change in report.changes:
            if change.kind == "rel":
                current[world.rel_index(*change.subject)] = change.after
        history.append(tuple(current))
    return tuple(history)


def decisions(world: World, state: State, role: str | None = None) -> tuple[Decision, ...]:
    """A seat's move on every turn played, with its outcome (the one seat's by default).

    A delayed move reads "under way" on the turn it was made; once it has landed, its
    outcome says so: "landed turn 4: done".
    """
    role = role or state.role
    rows = []
    for index, report in enumerate(state.log):
        mine = next((c for c in report.choices if c.actor == role), None)
        option = mine.option if mine else None
        label = world.option(option).label if option else "No move (nothing was possible)"
        outcome = OUTCOME_WORDS.get(mine.outcome if mine else "none", "")
        if mine is not None and mine.outcome == "pending":
            landed = next(
                (
                    (later.turn, c.outcome)
                    for later in state.log[index + 1 :]
                    for c in later.landed
                    if c.actor == role and c.option == option
                ),
                None,
            )
            if landed is not None:
                outcome = f"landed turn {landed[0]}: {OUTCOME_WORDS.get(landed[1], landed[1])}"
        rows.append(Decision(report.turn, world.date_of(report.turn), option, label, outcome))
    return tuple(rows)


def change_text(world: World, change: Change) -> str:
    """A change with its cause, as the engine words it; plainer if the cause cannot be named.

    The fallback keeps a report readable if a cause refers to something the narrator does
    not know, instead of stopping the game with an error.
    """
    try:
        return describe_change(world, change)
    except (KeyError, StopIteration):
        return describe_amount(world, change)


def cause_text(world: World, cause: Cause) -> str:
    """Why something moved, as the engine words it; plainer if the cause cannot be named."""
    try:
        return describe_cause(world, cause)
    except (KeyError, StopIteration):
        who = actor_name(world, cause.actor) if cause.actor else ""
        return " ".join(p for p in (cause.kind, who, cause.source) if p)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def offer_history(world: World, state: State, role: str) -> tuple[str, ...]:
    """Every offer the seat made or was put, and how it went, turn by turn, in words: for the
    end screen and the Markdown debrief ('Turn 2: Southland's offer (...) is accepted by
    Northland'). Only the seat's own offers and those put to it: others are not its news."""
    lines = []
    for report in state.log:
        for news in report.offers:
            if news.actor != role and role not in news.parties:
                continue
            if news.outcome == "made":
                to = ", ".join(actor_name(world, p) for p in news.parties)
                who = "You" if news.actor == role else actor_name(world, news.actor)
                text = f"{who} put an offer ({world.option(news.option).label}) to {to}"
            else:
                text = offer_headline(world, news)
            lines.append(f"Turn {report.turn}: {text}")
    return tuple(lines)


def debrief_markdown(world: World, state: State, role: str | None = None) -> str:
    """The debrief an instructor reads: ending, score, decisions, relations, turn by turn;
    of one seat (``role``, which a game with several seats must name)."""
    scenario = world.scenario
    role = role or state.role
    me = world.actor(role)
    card = score(world, state, role)
    lines = [f"# Debrief: {scenario.title}", ""]
    lines.append(f"- **Role:** {me.name} ({role})" + (f", {me.leader}" if me.leader else ""))
    lines.append(f"- **Turns played:** {len(state.log)} of {scenario.turns}")
    path = world.loaded.path or f"{scenario.id}.yaml"
    lines.append(f"- **Seed:** {state.seed}")
    if state.multi_seat:
        others = ", ".join(actor_name(world, s) for s in state.seats if s != role)
        lines.append(f"- **Other players:** {others}")
        seats = " ".join(
            f"--choose {s}={','.join(c or '-' for c in state.choices_of(s))}" for s in state.seats
        )
        replay = f"detente run {path} --seats {','.join(state.seats)} --seed {state.seed} {seats}"
    else:
        choices = ",".join(c or "" for c in state.choices)
        replay = f"detente run {path} --as {role} --seed {state.seed} --choose {choices}"
    for answer in state.answers:  # answers to offers replay with their turn's move
        who = f"{answer.role}=" if state.multi_seat else ""
        replay += f" --answer {who}{answer.turn}:{answer.offer}={answer.answer}"
    lines.append(f"- **Replay:** `{replay}`")
    lines.append("")

    if state.ending is not None:
        ending = next(e.model for e in world.endings if e.id == state.ending)
        lines += [f"## Ending: {ending.title}", ""]
        if ending.text:
            lines += [ending.text.strip(), ""]
        if ending.basis:
            lines += [f"*This ending is {basis_text(ending.basis)}.*", ""]
        if scenario.history:
            lines += ["## What actually happened", ""]
            lines += [
                f"- **{entry.date}**: {entry.text.strip()} ({entry.source})"
                for entry in scenario.history
            ]
            lines.append("")
    else:
        lines += ["## The game is not over", "", f"Next is turn {state.turn}.", ""]

    lines += [f"## Score: {card.total} out of 100", ""]
    lines += ["| Part | Weight | Score |", "| --- | ---: | ---: |"]
    for goal in card.goals:
        lines.append(f"| {_cell(goal.label)} | {goal.weight:g} | {goal.score:.0f} |")
    lines.append(f"| All goals together | {1 - card.ending_share:.0%} | {card.goal_score:.0f} |")
    ending_label = "The ending" if state.ending else "The ending (not yet reached)"
    lines.append(f"| {ending_label} | {card.ending_share:.0%} | {card.ending_score:.0f} |")
    lines.append("")

    basis_of = {o.id: o.basis for o in world.options}
    lines += ["## Your decisions", "", "| Turn | Date | Decision | Outcome | Basis |"]
    lines.append("| ---: | --- | --- | --- | --- |")
    for decision in decisions(world, state, role):
        basis = basis_of.get(decision.option or "") or ""
        lines.append(
            f"| {decision.turn} | {long_date(decision.date)} | {_cell(decision.label)} "
            f"| {decision.outcome} | {basis} |"
        )
    lines.append("")

    offers = offer_history(world, state, role)
    if offers:
        lines += ["## Offers", ""] + [f"- {line}" for line in offers] + [""]

    history = relation_history(world, state)
    lines += ["## Relations, turn by turn", ""]
    low, high = world.scenario.rules.relation_bounds
    lines.append(
        f"Scores run from {low:+d} (hostile) to {high:+d} (close ally); the first is the start."
    )
    lines.append("")
    lines += ["| Government | How they see you | How you see them |", "| --- | --- | --- |"]
    for other in world.actor_ids:
        if other == role:
            continue
        theirs = " → ".join(f"{h[world.rel_index(other, role)]:+d}" for h in history)
        yours = " → ".join(f"{h[world.rel_index(role, other)]:+d}" for h in history)
        lines.append(f"| {_cell(full_name(world, other))} | {theirs} | {yours} |")
    lines.append("")

    lines += ["## Turn by turn", ""]
    for report in state.log:
        lines += [f"### Turn {report.turn}: {long_date(world.date_of(report.turn))}", ""]
        news = headlines(world, report, skip_actor=role)
        if news:
            lines += ["News:", ""] + [f"- {item}" for item in news] + [""]
        models = {e.id: e.model for e in world.events}
        fired = [models[e] for e in report.events]
        if fired:
            lines += ["Events:", ""]
            lines += [f"- {_event_line(event.title, event.basis)}" for event in fired] + [""]
        if report.changes:
            lines += ["What changed, and why:", ""]
            lines += [f"- {change_text(world, change)}" for change in report.changes]
            lines.append("")

    if world.loaded.briefs:
        lines += ["## Sources", ""]
        for brief in world.loaded.briefs:
            c = brief.citation
            by = f" by {c.author}" if c.author else ""
            where = f" <{c.url}>" if c.url else ""
            lines.append(f"- {c.outlet}, “{c.title}”{by}, {c.date}.{where}")
            if c.note:
                lines.append(f"  {c.note}")
        lines.append("")
    return "\n".join(lines)


def _event_line(title: str, basis: str | None) -> str:
    """An event of the turn, with how it stands against the record when the scenario says."""
    return f"{title} ({basis_text(basis)})" if basis else title
