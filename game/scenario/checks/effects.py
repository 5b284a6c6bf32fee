"""Effects of options and events: exactly one target (relation, stat or flag), one amount,
targets that exist, values within bounds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.scenario.checks.conditions import check_expr
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
    if effect.conditional:
        _check_conditional(ctx, effect, path, context, acting)
        return
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


def _check_conditional(
    ctx: CheckContext, effect: Effect, path: Path, context: str, acting: tuple[str, ...]
) -> None:
    """An `if:` effect: a sound condition, branches and nothing of its own to change.

    Its condition is checked like `requires:` (names, types, SELF only in options); each
    branch's effects are checked as effects, at their own lines.
    """
    report = ctx.report
    own = [
        key for key in ("rel", "stat", "flag", "change", "set") if getattr(effect, key) is not None
    ]
    if own:
        report.error(
            (*path, own[0]),
            f"an `if:` effect changes nothing itself: move `{own[0]}:` into a `then:` or "
            "`else:` branch",
            at_key=True,
            context=context,
        )
    if effect.if_ is None:
        if not ctx.is_damaged(effect, "if_"):
            report.error(
                path,
                "`then:` and `else:` belong to an `if:` effect: add `if: CONDITION`",
                context=context,
            )
    else:
        check_expr(ctx, effect.if_, (*path, "if"), "bool", context, acting)
    if not effect.then and not effect.else_ and effect.if_ is not None:
        report.error(
            (*path, "if"),
            "an `if:` effect needs a `then:` list (and may have an `else:` list) of effects",
            at_key=True,
            context=context,
        )
    for key, branch in (("then", effect.then), ("else", effect.else_)):
        for i, inner in enumerate(branch):
            check_effect(ctx, inner, (*path, key, i), context, acting)


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
    if not re.fullmatch(ID_PATTERN, effect.flag or ""):
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
