"""What the screens show, built from the engine: the views of ``game.ui.seam``.

Every fact here comes from the engine (``available_options``, ``preview``, the turn log,
``score``); this module only arranges and words it for display, so it is tested without
running the app, and the screens, which see only the views, need no engine. ``LocalSession``
calls it; nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.debrief import OUTCOME_WORDS, cause_text, decisions, long_date, relation_history
from game.engine import Cause, Change, State, TurnReport, World, available_options, preview, score
from game.engine.narrate import actor_name, headlines
from game.ui.seam import (
    Advice,
    BriefingView,
    CauseGroup,
    ChangeLine,
    DecisionRow,
    EndView,
    ForecastBranch,
    GoalScore,
    OptionRow,
    OptionView,
    RelationRow,
    ReportView,
    RolesView,
    RoleView,
    Source,
    Stance,
    TurnView,
)

__all__ = [  # the view classes are the seam's; they are named here too for older imports
    "Advice",
    "ForecastBranch",
    "OptionRow",
    "RelationRow",
    "Stance",
    "advice",
    "briefing_view",
    "end_view",
    "option_rows",
    "option_view",
    "relation_rows",
    "report_view",
    "roles_view",
    "stance",
    "turn_view",
]


def unavailable_reason(world: World, state: State, option_id: str) -> str:
    """Why the player cannot take an option now, in the scenario's own terms."""
    option = world.option(option_id)
    taken = (world.option_index[option_id], world.actor_index[state.role]) in state.taken
    if option.once and taken:
        return "already taken"
    return f"requires {option.requires}" if option.requires is not None else "not possible now"


def option_rows(world: World, state: State) -> tuple[OptionRow, ...]:
    """The player's options in the scenario's order, each numbered by its place in the role's
    full list: the same number (and key) all game, whether available this turn or not."""
    available = {o.id for o in available_options(world, state, state.role)}
    mine = [o for o in world.options if state.role in o.by]
    rows = []
    for number, option in enumerate(mine, start=1):
        if option.id in available:
            rows.append(OptionRow(option.id, option.label, number, True))
        else:
            reason = unavailable_reason(world, state, option.id)
            rows.append(OptionRow(option.id, option.label, number, False, reason))
    return tuple(rows)


def relation_rows(
    world: World, state: State, history: tuple[tuple[int, ...], ...] | None = None
) -> tuple[RelationRow, ...]:
    """Each other government's view of the player and the player's of it, with trends."""
    history = history if history is not None else relation_history(world, state)
    role = state.role
    rows = []
    for other in world.actor_ids:
        if other == role:
            continue
        theirs_at, yours_at = world.rel_index(other, role), world.rel_index(role, other)
        theirs = tuple(h[theirs_at] for h in history)
        yours = tuple(h[yours_at] for h in history)
        previous = history[-2] if len(history) > 1 else history[-1]
        rows.append(
            RelationRow(
                actor=other,
                name=actor_name(world, other),
                theirs=state.rel[theirs_at],
                yours=state.rel[yours_at],
                theirs_change=state.rel[theirs_at] - previous[theirs_at],
                yours_change=state.rel[yours_at] - previous[yours_at],
                theirs_history=theirs,
                yours_history=yours,
                theirs_stance=stance(world, state.rel[theirs_at]),
                yours_stance=stance(world, state.rel[yours_at]),
            )
        )
    return tuple(rows)


def stance(world: World, value: int) -> Stance:
    """How warm a relation score is, by the scenario's own ally and enemy thresholds."""
    rules = world.scenario.rules
    if value >= rules.ally_threshold:
        return "ally"
    if value <= rules.enemy_threshold:
        return "hostile"
    return "friendly" if value >= 0 else "cool"


def subject_text(world: World, change: Change, role: str) -> str:
    """What a change moves, from the player's side: 'Russia's view of you', 'your support'."""
    a, b = change.subject

    def who(actor: str) -> str:
        return "you" if actor == role else actor_name(world, actor)

    if change.kind == "rel":
        viewer = "your" if a == role else f"{actor_name(world, a)}'s"
        return f"{viewer} view of {who(b)}"
    if change.kind == "stat":
        stat = b.replace("_", " ")
        return f"your {stat}" if a == role else f"{actor_name(world, a)} {stat}"
    return f"flag {b} {'set' if change.after else 'cleared'}"


def net_changes(world: World, changes: Sequence[Change], role: str) -> tuple[tuple[int, str], ...]:
    """(net change, what moved) per relation or stat, in order of first mention.

    A move can shift one number several times (a direct effect, then a reaction to some
    other shift); the player wants the sum. Flags are left out: they are the scenario's
    bookkeeping, not something a player weighs.
    """
    totals: dict[tuple[str, tuple[str, str]], int] = {}
    names: dict[tuple[str, tuple[str, str]], str] = {}
    for change in changes:
        if change.kind == "flag":
            continue
        key = (change.kind, change.subject)
        totals[key] = totals.get(key, 0) + change.delta
        names.setdefault(key, subject_text(world, change, role))
    return tuple((total, names[key]) for key, total in totals.items() if total)


def advice(world: World, state: State, option_id: str) -> Advice:
    """The engine's forecast of an option, worded for the player."""
    forecast = preview(world, state, option_id)
    option = world.option(option_id)
    branches = []
    for i, outcome in enumerate(forecast.outcomes):
        # The engine lists the success branch first and, when a move can fail, failure second.
        if option.chance >= 1:
            title = "It would change"
        else:
            title = f"{'If it works' if i == 0 else 'If it fails'} ({outcome.probability:.0%})"
        lines = net_changes(world, outcome.changes, state.role)
        branches.append(ForecastBranch(title, lines))
    goals = world.goals[world.actor_index[state.role]]
    expected = forecast.expected_goal_deltas
    return Advice(
        chance=option.chance,
        delay=forecast.delay,
        branches=tuple(branches),
        goals=tuple((g.label, d) for g, d in zip(goals, expected, strict=True)),
    )


def status_facts(world: World, state: State) -> str:
    """'Turkey │ Turn 3/10 │ 4 April 2022 │ Score 52': what the header shows on every turn."""
    turns = world.scenario.turns
    turn = min(state.turn, turns)
    total = score(world, state).total
    name = world.actor(state.role).name
    return f"{name} │ Turn {turn}/{turns} │ {long_date(world.date_of(turn))} │ Score {total}"


def turn_view(
    world: World, state: State, history: tuple[tuple[int, ...], ...] | None = None
) -> TurnView:
    """The turn screen's content: status, relations with trends, the news, the options."""
    report = state.log[-1] if state.log else None
    news: tuple[str, ...] = ()
    if report is None:
        news_title = "News"
        empty = f"The crisis begins on {long_date(world.date_of(1))}."
    else:
        news_title = f"News, turn {report.turn}"
        news = tuple(headlines(world, report, skip_actor=state.role))
        empty = "A quiet week."
    return TurnView(
        title=world.scenario.title,
        status=status_facts(world, state),
        turn=state.turn,
        over=state.over,
        relations=relation_rows(world, state, history),
        news_title=news_title,
        news=news,
        news_empty=empty,
        options=option_rows(world, state),
    )


def option_view(world: World, option_id: str) -> OptionView:
    """An option's label, description and the claims of the facts it cites."""
    option = world.option(option_id)
    facts = world.loaded.facts
    return OptionView(
        id=option.id,
        label=option.label,
        description=option.description or "",
        facts=tuple(facts[f].claim for f in option.facts if f in facts),
    )


def _by_cause(changes: Sequence[Change]) -> list[tuple[Cause, list[Change]]]:
    """Changes grouped under their cause, causes in the order they first acted."""
    groups: dict[Cause, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.cause, []).append(change)
    return list(groups.items())


def report_view(world: World, report: TurnReport, role: str) -> ReportView:
    """A turn's report from a seat's side.

    Causes are worded by the engine's narrator; changes are worded from the seat's side
    ("Russia's view of you") so the student sees at once what touches them.
    """
    mine = next((c for c in report.choices if c.actor == role), None)
    move = outcome = None
    if mine is not None and mine.option is not None:
        move = world.option(mine.option).label
        outcome = OUTCOME_WORDS.get(mine.outcome, mine.outcome)
    causes = tuple(
        CauseGroup(
            cause_text(world, cause),
            tuple(
                ChangeLine(
                    subject=subject_text(world, c, role),
                    delta=c.delta,
                    before=c.before,
                    after=c.after,
                    flag=c.kind == "flag",
                )
                for c in changes
            ),
        )
        for cause, changes in _by_cause(report.changes)
    )
    ending = None
    if report.ending is not None:
        ending = next(e.model for e in world.endings if e.id == report.ending).title
    return ReportView(
        turn=report.turn,
        date=long_date(world.date_of(report.turn)),
        move=move,
        outcome=outcome or "",
        news=tuple(headlines(world, report, skip_actor=role)),
        causes=causes,
        ending=ending,
    )


def briefing_view(world: World, role: str) -> BriefingView:
    """The scenario summary, the role's briefing and goals, and the sources' citations."""
    scenario = world.scenario
    actor = world.actor(role)
    sources = tuple(
        Source(
            outlet=c.outlet,
            title=c.title,
            author=c.author or "",
            date=c.date,
            url=c.url or "",
            note=c.note or "",
        )
        for c in (brief.citation for brief in world.loaded.briefs)
    )
    return BriefingView(
        title=scenario.title,
        dates=(
            f"From {long_date(world.date_of(1))}, "
            f"{scenario.turns} turns of {scenario.turn_days} days"
        ),
        summary=scenario.summary or "",
        role_name=actor.name,
        leader=actor.leader or "",
        briefing=actor.briefing or "",
        goals=tuple(goal.label for goal in actor.goals),
        sources=sources,
    )


def roles_view(world: World) -> RolesView:
    """The playable governments, for the role picker (before any session exists)."""
    roles = []
    for role in world.playable:
        actor = world.actor(role)
        roles.append(
            RoleView(
                id=role,
                name=actor.name,
                leader=actor.leader or "",
                summary=actor.summary or "",
                briefing=actor.briefing or "",
                goals=tuple(goal.label for goal in actor.goals),
            )
        )
    default = world.scenario.default_role
    return RolesView(
        title=world.scenario.title,
        roles=tuple(roles),
        default=default if default in world.playable else world.playable[0],
    )


def end_view(world: World, state: State, history: tuple[tuple[int, ...], ...]) -> EndView:
    """The debrief of a finished game, as the end screen shows it."""
    ending = next(e.model for e in world.endings if e.id == state.ending)
    card = score(world, state)
    name = world.actor(state.role).name
    return EndView(
        title=world.scenario.title,
        status=f"{name} │ The end │ Score {card.total} │ Seed {state.seed}",
        ending_title=ending.title,
        ending_text=ending.text or "",
        total=card.total,
        goals=tuple(GoalScore(g.label, g.score, g.weight) for g in card.goals),
        ending_score=card.ending_score,
        ending_share=card.ending_share,
        decisions=tuple(
            DecisionRow(d.turn, long_date(d.date), d.label, d.outcome)
            for d in decisions(world, state)
        ),
        relations=relation_rows(world, state, history),
    )
