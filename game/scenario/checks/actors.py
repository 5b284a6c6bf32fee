"""Actors and alliances: how many, their ids, who is playable, alliance members, and the
starting relations between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.checks.goals import check_goals, check_stats
from game.scenario.checks.references import check_actor_ref, check_ids_unique
from game.scenario.diagnostics import clip
from game.scenario.expr import KEYWORDS
from game.scenario.refs import SELF

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext

RESERVED = frozenset({SELF, *KEYWORDS})
"""Words an actor id may not be, since conditions read them as something else."""


def check_actors(ctx: CheckContext) -> None:
    """At least two actors with unique, unreserved ids, one playable; then each actor's
    members, stats and goals."""
    scenario, report = ctx.scenario, ctx.report
    # When an actor could not be read, counting them would only echo its problem.
    if len(scenario.actors) < 2 and not ctx.is_damaged(scenario, "actors"):
        report.error(
            ("actors",),
            f"a scenario needs at least two actors (this one has {len(scenario.actors)}): "
            "diplomacy takes two",
            at_key=True,
        )
    if not scenario.actors:
        return
    check_ids_unique(ctx, scenario.actors, "actor")
    for actor in scenario.actors:
        if actor.id in RESERVED:
            report.error(
                report.path_of(actor, "id"),
                f"'{actor.id}' cannot be an actor id: conditions give it another meaning "
                "(SELF is the actor taking an option); choose another id",
            )
    unread = ctx.is_damaged(scenario, "actors") or any(
        ctx.is_damaged(a, "playable") for a in scenario.actors
    )
    if not unread and not any(a.playable for a in scenario.actors):
        report.error(
            ("actors",),
            "no actor is playable; set `playable: true` on at least one",
            at_key=True,
        )
    check_short_names(ctx)
    for actor in scenario.actors:
        context = f"in actor '{actor.id}'"
        for i, member in enumerate(actor.members):
            check_actor_ref(ctx, report.path_of(actor, "members", i), member, context=context)
        check_stats(ctx, actor, context)
        check_goals(ctx, actor)


def check_short_names(ctx: CheckContext) -> None:
    """A short name stands for one actor in sentences: not blank, and not another actor's
    name or short name (a reason saying "Russia's view of you" must say whose)."""
    report = ctx.report
    names: dict[str, str] = {}
    for actor in ctx.scenario.actors:
        for name in (actor.name, actor.short_name):
            names.setdefault(name.strip().casefold(), actor.id)
    for actor in ctx.scenario.actors:
        if not actor.short_name:
            continue
        path = report.path_of(actor, "short_name")
        short = actor.short_name.strip()
        if not short:
            report.error(path, "short_name is blank; write the name or remove the key")
            continue
        owner = names.get(short.casefold(), actor.id)
        if owner != actor.id:
            report.error(
                path,
                f"short_name '{clip(short)}' is already the name of actor '{owner}'; "
                "sentences would not say whose it is",
            )


def check_relations(ctx: CheckContext) -> None:
    """Each relation names two different actors, in one way, within bounds, once."""
    report = ctx.report
    low, high = ctx.scenario.rules.relation_bounds
    seen: dict[tuple[str, str], int] = {}
    for relation in ctx.scenario.relations:
        path = report.path_of(relation)
        if ctx.is_damaged(relation, "from_", "to", "between"):
            continue  # who is related to whom could not be read
        if relation.between is not None:
            if relation.from_ is not None or relation.to is not None:
                report.error(path, "give either `between: [A, B]` or `from:` and `to:`, not both")
                continue
            if len(relation.between) != 2:
                report.error((*path, "between"), "`between` names exactly two actors")
                continue
            a, b = relation.between
            refs = [((*path, "between", 0), a), ((*path, "between", 1), b)]
            pairs = [(a, b), (b, a)]
        elif relation.from_ is None or relation.to is None:
            report.error(path, "a relation needs `from:` and `to:` (or `between: [A, B]`)")
            continue
        else:
            refs = [((*path, "from"), relation.from_), ((*path, "to"), relation.to)]
            pairs = [(relation.from_, relation.to)]
        if not all([check_actor_ref(ctx, p, ident) for p, ident in refs]):
            continue
        if pairs[0][0] == pairs[0][1]:
            report.error(path, f"a relation from '{pairs[0][0]}' to itself has no meaning")
            continue
        for name, value in (("score", relation.score), ("baseline", relation.baseline)):
            if value is not None and not low <= value <= high:
                report.error(
                    (*path, name),
                    f"{name} {value} is outside the relation bounds {low}..{high}",
                )
        for pair in pairs:
            if pair in seen:
                report.error(
                    path,
                    f"the relation {pair[0]} -> {pair[1]} is set twice "
                    f"(first at line {seen[pair]})",
                )
            else:
                seen[pair] = report.marks.value(path).line
