"""Effects of options and events: exactly one target (relation, stat or flag), one amount,
targets that exist, values within bounds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.scenario.checks.references import check_actor_ref
from game.scenario.diagnostics import clip
from game.scenario.model import ID_PATTERN, Effect
from game.scenario.refs import SELF, parse_rel, parse_stat
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_effects(
    ctx: CheckContext,
    owner: object,
    key: str,
    effects: tuple[Effect, ...],
    context: str,
    acting: tuple[str, ...] = (),
) -> None:
    """The effects listed under ``key`` of ``owner`` (an option or event); ``acting``: for an
    option, the actors who may take it (what SELF can be)."""
    for i, effect in enumerate(effects):
        check_effect(ctx, effect, ctx.report.path_of(owner, key, i), context, acting)


def check_effect(
    ctx: CheckContext, effect: Effect, path: Path, context: str, acting: tuple[str, ...]
) -> None:
    """One effect, reported at ``path``; ``acting`` as for ``check_effects``."""
    if ctx.is_damaged(effect, "rel", "stat", "flag"):
        return  # its target could not be read; the problem is reported
    report = ctx.report
    targets = [
        key
        for key, value in (("rel", effect.rel), ("stat", effect.stat), ("flag", effect.flag))
        if value is not None
    ]
    if len(targets) != 1:
        report.error(
            path,
            "an effect names exactly one of `rel: A -> B`, `stat: A.name` or `flag: name`"
            + (f" (this one has {', '.join(targets)})" if targets else ""),
            context=context,
        )
        return
    target = targets[0]
    if target == "flag":
        _check_flag_effect(ctx, effect, path, context)
        return
    amount_unread = ctx.is_damaged(effect, "change", "set")
    if (effect.change is None) == (effect.set is None) and not amount_unread:
        report.error(
            path,
            f"a `{target}` effect needs exactly one of `change:` or `set:`",
            context=context,
        )
    if isinstance(effect.set, bool):
        report.error(
            (*path, "set"),
            f"a {target} is set to a number, not {str(effect.set).lower()}",
            context=context,
        )
    if target == "rel":
        if not _check_rel_target(ctx, effect, path, context, acting):
            return
        low, high = ctx.scenario.rules.relation_bounds
    else:
        if not _check_stat_target(ctx, effect, path, context, acting):
            return
        low, high = ctx.scenario.rules.stat_bounds
    value = effect.set
    if isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
        report.error(
            (*path, "set"), f"{value} is outside the bounds {low}..{high}", context=context
        )


def _check_flag_effect(ctx: CheckContext, effect: Effect, path: Path, context: str) -> None:
    """A flag is set or cleared, by a name that flag(name) can read."""
    report = ctx.report
    if effect.change is not None:
        report.error(
            (*path, "change"),
            "a flag has no amount; use `set: false` to clear it",
            at_key=True,
            context=context,
        )
    if effect.set is not None and not isinstance(effect.set, bool):
        report.error((*path, "set"), "a flag is set to true or false", context=context)
    if not re.match(ID_PATTERN, effect.flag or ""):
        report.error(
            (*path, "flag"),
            f"'{clip(effect.flag or '')}' is not a valid flag name: use up to 64 "
            "letters, digits and _, starting with a letter, so that flag(name) can "
            "read it",
            context=context,
        )


def _check_rel_target(
    ctx: CheckContext, effect: Effect, path: Path, context: str, acting: tuple[str, ...]
) -> bool:
    """The relation an effect changes; False when it cannot be read at all."""
    report = ctx.report
    rel = parse_rel(effect.rel or "")
    if rel is None:
        report.error(
            (*path, "rel"),
            f"'{clip(effect.rel or '')}' is not a relation; "
            "write `A -> B` (A's view of B) or `A <-> B`",
            context=context,
        )
        return False
    ok = check_actor_ref(ctx, (*path, "rel"), rel.viewer, context=context, acting=acting)
    ok = check_actor_ref(ctx, (*path, "rel"), rel.viewed, context=context, acting=acting) and ok
    if ok and rel.viewer == rel.viewed:
        report.error((*path, "rel"), "an actor's view of itself is not a relation", context=context)
    elif ok and SELF in (rel.viewer, rel.viewed):
        other = rel.viewed if rel.viewer == SELF else rel.viewer
        if other in acting:
            report.error(
                (*path, "rel"),
                f"when {other} takes this option, SELF is {other}, and an actor's view "
                f"of itself is not a relation; take {other} out of `by:` or name "
                "another actor",
                context=context,
            )
    return True


def _check_stat_target(
    ctx: CheckContext, effect: Effect, path: Path, context: str, acting: tuple[str, ...]
) -> bool:
    """The stat an effect changes; False when it cannot be read at all."""
    report = ctx.report
    if not effect.propagate:
        report.warning(
            (*path, "propagate"),
            "`propagate` only applies to `rel` effects",
            at_key=True,
            context=context,
        )
    stat = parse_stat(effect.stat or "")
    if stat is None:
        report.error(
            (*path, "stat"),
            f"'{clip(effect.stat or '')}' is not a stat; write `ACTOR.name`, e.g. `TUR.support`",
            context=context,
        )
        return False
    if check_actor_ref(ctx, (*path, "stat"), stat.actor, context=context, acting=acting):
        owners = acting if stat.actor == SELF else (stat.actor,)
        for owner in owners:
            actor = ctx.actors[owner]
            if stat.stat not in actor.stats:
                hint = ctx.suggest(stat.stat, actor.stats) or (
                    f"; {owner} has "
                    + (", ".join(actor.stats) or "no stats: add them under its `stats:`")
                )
                report.error(
                    (*path, "stat"),
                    f"unknown stat '{stat.stat}' of {owner}{hint}",
                    context=context,
                )
    return True
