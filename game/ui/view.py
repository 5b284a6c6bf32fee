"""What the screens show, built from the engine: the views of ``game.ui.seam``.

Every fact here comes from the engine (``available_options``, ``preview``, the turn log,
``score``); this module only arranges and words it for display, so it is tested without
running the app, and the screens, which see only the views, need no engine. ``LocalSession``
calls it; nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from game.analysis import LuckReport, WhatIf
from game.debrief import (
    OUTCOME_WORDS,
    cause_text,
    decisions,
    long_date,
    offer_history,
    relation_history,
)
from game.engine import (
    Cause,
    Change,
    State,
    TurnReport,
    World,
    available_options,
    new_game,
    preview,
    preview_answer,
    score,
    seen_report,
)
from game.engine.explain import clauses, failing
from game.engine.narrate import (
    actor_name,
    basis_text,
    flag_change_text,
    full_name,
    headlines,
    offer_headline,
    possessive,
    stat_label,
)
from game.engine.preview import score_contributions
from game.engine.scoring import NEUTRAL_ENDING_SCORE
from game.engine.visibility import seat_offers
from game.scenario import calendar
from game.scenario.expr import Call, Name
from game.ui.seam import (
    Advice,
    AnswerView,
    BriefingView,
    CauseGroup,
    ChangeLine,
    DecisionRow,
    EndingStake,
    EndView,
    ForecastBranch,
    GoalScore,
    GoalWeight,
    LuckView,
    OfferView,
    OptionRow,
    OptionView,
    RelationRow,
    ReportView,
    RolesView,
    RoleView,
    Source,
    StakeClause,
    Stance,
    TurnView,
    WatchedRelation,
    WhatIfView,
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


def unavailable_reasons(world: World, state: State, option_id: str) -> tuple[str, ...]:
    """Why the player cannot take an option now, in words, never the condition's code.

    The author's `why_not:` text when there is one; otherwise each clause of `requires:`
    that fails (not merely the first one written), worded from the scenario's labels.
    """
    option = world.option(option_id)
    taken = (world.option_index[option_id], world.actor_index[state.role]) in state.taken
    if option.once and taken:
        return ("Already taken",)
    if option.requires is None:
        return ("Not possible now",)
    if option.why_not.strip():
        return (sentence(option.why_not.strip()),)
    reasons = failing(world, option.requires, state, state.role, self_actor=state.role)
    return tuple(sentence(r) for r in reasons) or ("Not possible now",)


def sentence(text: str) -> str:
    """A phrase of the engine's wording as a sentence on screen: its first letter capital.

    The engine words clauses as phrases ("your view of Turkey must be below +10") so that
    they can sit inside a sentence (the briefing's list of endings); a reason shown on its
    own reads as a sentence ("Your view of Turkey must be below +10"). Only the first letter
    changes: names and labels keep the author's case.
    """
    return text[:1].upper() + text[1:]


def reasons_line(reasons: Sequence[str]) -> str:
    """Reasons, each a sentence, on one line (a reason may hold a ';' of its own)."""
    return ". ".join(reasons)


def unavailable_reason(world: World, state: State, option_id: str) -> str:
    """The reasons of ``unavailable_reasons`` as one line."""
    return reasons_line(unavailable_reasons(world, state, option_id))


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
            reasons = unavailable_reasons(world, state, option.id)
            rows.append(
                OptionRow(option.id, option.label, number, False, reasons_line(reasons), reasons)
            )
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
                name=full_name(world, other),
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
        viewer = "your" if a == role else possessive(actor_name(world, a))
        return f"{viewer} view of {who(b)}"
    if change.kind == "stat":
        # The label alone for the seat's own numbers: "world food prices" are the UN's to
        # watch, not "your prices".
        label = stat_label(world, a, b)
        return label if a == role else f"{actor_name(world, a)}: {label}"
    return flag_change_text(world, b, bool(change.after))


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
    parts = score_contributions(world, forecast)
    return Advice(
        chance=option.chance,
        delay=forecast.delay,
        branches=tuple(branches),
        goals=tuple((g.label, d) for g, d in zip(goals, expected, strict=True)),
        score_change=sum(parts),
        weighted=tuple((g.label, p) for g, p in zip(goals, parts, strict=True)),
    )


def status_facts(world: World, state: State) -> str:
    """'Turkey │ Turn 3/10 │ 4 April 2022 │ Score 52': what the header shows on every turn."""
    turns = world.scenario.turns
    turn = min(state.turn, turns)
    total = score(world, state).total
    name = world.actor(state.role).name
    return f"{name} │ Turn {turn}/{turns} │ {long_date(world.date_of(turn))} │ Score {total}"


def score_note(world: World, state: State) -> str:
    """What the running score counts, so a student knows the ending is not yet in it."""
    card = score(world, state)
    share = card.ending_share
    ending = (
        f"the ending {card.ending_score:.0f}"
        if state.ending is not None
        else f"the ending {NEUTRAL_ENDING_SCORE} (neutral until it is known)"
    )
    goals = f"your goals {card.goal_score:.0f} × {1 - share:.0%}"
    return f"Score {card.total} = {goals} + {ending} × {share:.0%}"


def goal_weights(world: World, role: str) -> tuple[GoalWeight, ...]:
    """The role's goals with their weights and their shares of the final score."""
    goals = world.actor(role).goals
    total = sum(g.weight for g in goals)
    part = 1 - world.scenario.rules.ending_share
    return tuple(
        GoalWeight(g.label, g.weight, part * g.weight / total if total else 0.0) for g in goals
    )


def score_rule(world: World) -> str:
    """How the final score is made, in a line."""
    share = world.scenario.rules.ending_share
    return f"Your score: your goals count {1 - share:.0%}, the ending {share:.0%}"


def ending_stakes(world: World, state: State) -> tuple[EndingStake, ...]:
    """Each ending, in the order the game tries them: its worth to the seat, its condition in
    words and how the position stands on each part, and which one would be chosen if the
    game ended now (the first that holds; a later one that also holds does not count).

    Conditions are read as the final check reads them, with `turn` at the last turn.
    """
    role = state.role
    at_end = attrs.evolve(state, turn=world.scenario.turns)
    stakes = []
    chosen_found = False
    for ending in world.endings:
        model = ending.model
        worded = clauses(world, model.when, at_end, role) if model.when is not None else ()
        holds = all(c.holds for c in worded)
        chosen = holds and not chosen_found
        chosen_found = chosen_found or chosen
        stakes.append(
            EndingStake(
                title=model.title,
                score=model.scores.get(role, NEUTRAL_ENDING_SCORE),
                when="as soon as it holds" if model.at == "any" else "at the end",
                clauses=tuple(StakeClause(sentence(c.need), c.holds, c.now) for c in worded),
                holds=holds,
                chosen=chosen,
                fallback=model.when is None,
            )
        )
    return tuple(stakes)


def watched_relations(
    world: World, state: State, history: tuple[tuple[int, ...], ...] | None = None
) -> tuple[WatchedRelation, ...]:
    """Every relation the seat's goals read, in goal order, with the goals that read it.

    The relations panel shows how each government sees the seat and back; a goal may read
    a relation between two others (how Turkey sees Russia), which only this list shows.
    """
    role = state.role
    history = history if history is not None else relation_history(world, state)
    previous = history[-2] if len(history) > 1 else history[-1]
    readers: dict[tuple[str, str], list[str]] = {}
    for goal in world.actor(role).goals:
        for node in goal.measure.walk():
            if isinstance(node, Call) and node.func == "rel" and len(node.args) == 2:
                a, b = node.args
                if isinstance(a, Name) and isinstance(b, Name):
                    labels = readers.setdefault((a.name, b.name), [])
                    if goal.label not in labels:
                        labels.append(goal.label)
    rows = []
    for (viewer, viewed), labels in readers.items():
        if viewer not in world.actor_index or viewed not in world.actor_index:
            continue
        at = world.rel_index(viewer, viewed)
        whose = "your" if viewer == role else possessive(actor_name(world, viewer))
        whom = "you" if viewed == role else actor_name(world, viewed)
        rows.append(
            WatchedRelation(
                subject=f"{whose} view of {whom}",
                value=state.rel[at],
                change=state.rel[at] - previous[at],
                stance=stance(world, state.rel[at]),
                goals=tuple(labels),
                third_party=role not in (viewer, viewed),
            )
        )
    return tuple(rows)


def turn_view(
    world: World,
    state: State,
    history: tuple[tuple[int, ...], ...] | None = None,
    given: Mapping[str, str] | None = None,
) -> TurnView:
    """The turn screen's content: status, relations with trends, the news, the options, and
    the open offers (``given``: the seat's answers this turn, not yet played)."""
    report = state.log[-1] if state.log else None
    news: tuple[str, ...] = ()
    if report is None:
        news_title = "News"
        empty = f"The crisis begins on {long_date(world.date_of(1))}."
    else:
        news_title = f"News, turn {report.turn}"
        seen = seen_report(world, report, state.role, state.log[:-1])
        news = tuple(headlines(world, seen, skip_actor=state.role))
        empty = "A quiet week."
    to_me, made = offer_views(
        world, state, state.role, seat_offers(world, state, state.role), given
    )
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
        endings=ending_stakes(world, state),
        watched=watched_relations(world, state, history),
        score_note=score_note(world, state),
        offers=to_me,
        offers_made=made,
    )


REPLY_WORDS = {
    None: "no answer yet",
    "accept": "accepts",
    "decline": "declines",
    "counter": "counters",
}
"""A party's answer to the seat's own offer, as its row says it."""


def offer_views(
    world: World,
    state: State,
    role: str,
    offers: Mapping[str, Sequence[Mapping[str, Any]]],
    given: Mapping[str, str] | None = None,
    *,
    forecast: bool = True,
) -> tuple[tuple[OfferView, ...], tuple[OfferView, ...]]:
    """The seat's open offers (to answer, and made) as views, from ``seat_view``'s
    ``offers`` data: the one place that words them, for the local and hot-seat sessions and
    the class server alike.

    ``given`` holds the seat's answers this turn, not yet played (a session's or the open
    turn's); ``forecast`` adds each answer's effects and the advisor's value of it for the
    seat (what the offer's end would do, from ``preview_answer``).
    """
    given = given or {}
    to_me = []
    for row in offers.get("to_me", ()):
        answers = []
        for answer in row["answers"]:
            effects: tuple[tuple[int, str], ...] = ()
            value = None
            if forecast:
                outcome = preview_answer(world, state, role, row["offer"], answer["id"])
                effects = net_changes(world, outcome.outcomes[0].changes, role)
                value = sum(score_contributions(world, outcome))
            answers.append(AnswerView(answer["id"], answer["label"], effects, value))
        to_me.append(
            OfferView(
                id=row["offer"],
                label=row["label"],
                by=actor_name(world, row["by"]),
                to=tuple("you" if p == role else actor_name(world, p) for p in row["to"]),
                terms=row["terms"],
                last_turn=row["last_turn"],
                answers=tuple(answers),
                answer=given.get(row["offer"], row["answered"]),
            )
        )
    made = tuple(
        OfferView(
            id=row["offer"],
            label=row["label"],
            by="you",
            to=tuple(actor_name(world, p) for p in row["to"]),
            terms=row["terms"],
            last_turn=row["last_turn"],
            replies=tuple(
                (actor_name(world, p), REPLY_WORDS.get(a, a)) for p, a in row["answered"].items()
            ),
        )
        for row in offers.get("mine", ())
    )
    return tuple(to_me), made


def option_view(world: World, option_id: str) -> OptionView:
    """An option's label, description and the claims of the facts it cites."""
    option = world.option(option_id)
    facts = world.loaded.facts
    return OptionView(
        id=option.id,
        label=option.label,
        description=option.description or "",
        facts=tuple(facts[f].claim for f in option.facts if f in facts),
        basis=basis_text(option.basis),
    )


def _by_cause(changes: Sequence[Change]) -> list[tuple[Cause, list[Change]]]:
    """Changes grouped under their cause, in the order they happened.

    A change joins its cause's latest group unless a later group already moved the same
    number: then it starts a new group, so each number's changes still read as a chain
    (-20 → -21, then -21 → -17), never a later step before an earlier one.
    """
    groups: list[tuple[Cause, list[Change]]] = []
    latest: dict[Cause, int] = {}
    last_moved: dict[tuple[str, tuple[str, str]], int] = {}
    for change in changes:
        key = (change.kind, change.subject)
        at = latest.get(change.cause)
        if at is None or last_moved.get(key, -1) > at:
            groups.append((change.cause, []))
            at = latest[change.cause] = len(groups) - 1
        groups[at][1].append(change)
        last_moved[key] = at
    return groups


SUMMARY_GOALS = 3
"""Goals named in a report's lead lines at most: the ones that moved the score most."""

SUMMARY_NEWS = 2
"""Headlines in a report's lead lines at most (the full news follows)."""

SUMMARY_LINES = 6
"""A report's lead lines at most: what can be taken in at a glance."""


def _earlier(report: TurnReport, after: State | None) -> tuple[TurnReport, ...]:
    """The reports before ``report`` in ``after``'s log (what a revealed secret is read
    from); none when the report is not in it."""
    if after is None:
        return ()
    for k, past in enumerate(after.log):
        if past is report:
            return after.log[:k]
    return ()


def _before(world: World, report: TurnReport, after: State) -> State:
    """The position before the turn, rebuilt by undoing the report's changes."""
    rel, stats = list(after.rel), list(after.stats)
    stat_at = {key: i for i, key in enumerate(world.stat_keys)}
    for change in reversed(report.changes):
        if change.kind == "rel":
            rel[world.rel_index(*change.subject)] = change.before
        elif change.kind == "stat":
            stats[stat_at[change.subject]] = change.before
    return attrs.evolve(after, rel=tuple(rel), stats=tuple(stats), ending=None)


def goal_changes(
    world: World, report: TurnReport, role: str, after: State
) -> tuple[tuple[str, float], ...]:
    """(goal label, change of its score) for the goals the turn moved, weightiest first."""
    before = _before(world, report, after)
    goals = world.goals[world.actor_index[role]]
    moved = [
        (
            g.weight * abs(g.score(after) - g.score(before)),
            g.label,
            g.score(after) - g.score(before),
        )
        for g in goals
    ]
    moved.sort(key=lambda m: -m[0])
    return tuple((label, delta) for weight, label, delta in moved if round(delta) != 0)


def report_summary(
    world: World, report: TurnReport, role: str, after: State | None
) -> tuple[str, ...]:
    """The lines that lead a report, at most ``SUMMARY_LINES``: the move (and any delayed
    move that landed), the ending, the score, the goals that moved most, the news."""
    played = report
    report = seen_report(world, report, role, _earlier(report, after))
    head = []
    mine = next((c for c in report.choices if c.actor == role), None)
    if mine is not None and mine.option is not None:
        outcome = OUTCOME_WORDS.get(mine.outcome, mine.outcome)
        head.append(f"Your move: {world.option(mine.option).label}: {outcome}")
    else:
        head.append("You made no move this turn")
    for landed in report.landed:
        if landed.actor == role and landed.option is not None:
            outcome = OUTCOME_WORDS.get(landed.outcome, landed.outcome)
            head.append(f"Landed now: {world.option(landed.option).label}: {outcome}")
    mine_settled = [
        offer_headline(world, n)
        for n in report.offers
        if n.outcome not in ("made", "open") and (n.actor == role or role in n.parties)
    ]
    head += [f"Offer: {line}" for line in mine_settled]
    head += [
        f"Offer to you from {actor_name(world, n.actor)}: {world.option(n.option).label} "
        "(answer with o on your turn)"
        for n in report.offers
        if n.outcome == "made" and role in n.parties
    ]
    if report.ending is not None:
        title = next(e.model for e in world.endings if e.id == report.ending).title
        head.append(f"The crisis ends: {title}")
    goals: list[str] = []
    if after is not None and after.log and after.log[-1] is played:
        was = score(world, _before(world, played, after)).total
        now = score(world, after).total
        head.append(f"Your score: {was} → {now}" if now != was else f"Your score: {now} (same)")
        goals = [
            f"{label}: {delta:+.0f}" for label, delta in goal_changes(world, played, role, after)
        ]
    news = [
        f"News: {item}"
        for item in headlines(world, report, skip_actor=role)
        if item not in mine_settled
    ]
    room = max(SUMMARY_LINES - len(head), 0)
    news_lines = min(len(news), SUMMARY_NEWS if room > SUMMARY_GOALS else 1, room)
    goal_lines = min(len(goals), SUMMARY_GOALS, room - news_lines)
    return tuple(head[:SUMMARY_LINES] + goals[:goal_lines] + news[:news_lines])


def report_view(
    world: World, report: TurnReport, role: str, after: State | None = None
) -> ReportView:
    """A turn's report from a seat's side.

    Causes are worded by the engine's narrator; changes are worded from the seat's side
    ("Russia's view of you") so the student sees at once what touches them. ``after`` is
    the position the turn led to: with it, the lead lines say how the score and the goals
    moved (the report alone does not hold every number a goal reads). Others' secret moves
    the seat may not know of are left out (``seen_report``: the engine's rule).
    """
    summary = report_summary(world, report, role, after)
    played = report
    report = seen_report(world, report, role, _earlier(report, after))
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
        summary=summary,
        goal_changes=(
            goal_changes(world, played, role, after)
            if after is not None and after.log and after.log[-1] is played
            else ()
        ),
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
        dates=(f"From {long_date(world.date_of(1))}, {calendar.describe(scenario)}"),
        summary=scenario.summary or "",
        role_name=actor.name,
        leader=actor.leader or "",
        briefing=actor.briefing or "",
        goals=tuple(goal.label for goal in actor.goals),
        sources=sources,
        weights=goal_weights(world, role),
        endings=ending_stakes(world, new_game(world, role, 0)),
        score_rule=score_rule(world),
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
                weights=goal_weights(world, role),
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
        ending_basis=basis_text(ending.basis),
        history=tuple(
            f"{entry.date}: {entry.text.strip()} ({entry.source})"
            for entry in world.scenario.history
        ),
        total=card.total,
        goals=tuple(GoalScore(g.label, g.score, g.weight) for g in card.goals),
        ending_score=card.ending_score,
        ending_share=card.ending_share,
        decisions=tuple(
            DecisionRow(d.turn, long_date(d.date), d.label, d.outcome)
            for d in decisions(world, state)
        ),
        relations=relation_rows(world, state, history),
        offers=offer_history(world, state, state.role),
    )


def _figure(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _signed(value: float) -> str:
    return f"{value:+.0f}" if float(value).is_integer() else f"{value:+.1f}"


def luck_view(report: LuckReport | None, note: str = "") -> LuckView:
    """Luck apart from judgment as the end screen words it (``note`` when not worked out)."""
    if report is None:
        return LuckView(note=note or "not worked out in this game")
    mine = report.choices
    lines = [
        f"Your score: {report.score}.",
        f"Your choices on {len(report.seeds)} other dice: median {_figure(mine.median)} "
        f"(80% between {_figure(mine.p10)} and {_figure(mine.p90)}).",
    ]
    lines += [
        f"{d.label} on the same dice: median {_figure(d.median)}."
        for d in report.distributions
        if d.policy != "choices"
    ]
    ranked = sorted(
        (t for t in report.turns if t.alternatives), key=lambda t: abs(t.gain), reverse=True
    )[:3]
    mattered = []
    for t in ranked:
        best = t.best_alternative
        assert best is not None
        verb = "gained" if t.gain >= 0 else "cost"
        mattered.append(
            f"Turn {t.turn}: {t.chosen_label} {verb} {abs(t.gain):.1f} against {best[1]}"
        )
    return LuckView("", tuple(lines), report.judgment, report.luck, tuple(mattered))


def what_if_view(world: World, role: str, w: WhatIf) -> WhatIfView:
    """The alternate game beside the game as played, as the end screen shows it."""
    rows = [
        ("Ending", w.actual_ending or "not over", w.alternate_ending or "not over"),
        ("Score", str(w.actual_score), str(w.alternate_score)),
    ]
    for other in world.actor_ids:
        if other == role:
            continue
        index = world.rel_index(other, role)
        path = [w.start_rel[index], *(p.rel[index] for p in w.actual)]
        alternate = [w.start_rel[index], *(p.rel[index] for p in w.alternate)]
        rows.append(
            (
                actor_name(world, other),
                f"{path[0]:+d} → {path[-1]:+d}",
                f"{alternate[0]:+d} → {alternate[-1]:+d}",
            )
        )
    if w.diverge_turn is None:
        parting = "The two games never part: the changed move made no difference."
    else:
        parting = f"They part on turn {w.diverge_turn}:"
    notes = []
    if w.followed:
        notes.append("Your own choices still played on turns " + ", ".join(map(str, w.followed)))
    if w.replaced:
        notes.append(
            "Not open to you in this game, so the AI chose, on turns "
            + ", ".join(map(str, w.replaced))
        )
    return WhatIfView(
        heading=f"What if, on turn {w.turn}, you had chosen: {w.option_label}",
        rows=tuple(rows),
        parting=parting,
        why=w.why,
        notes=tuple(notes),
    )
