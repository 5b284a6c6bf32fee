"""Labels: every stat and flag a student may see has words, so no id reaches a screen.

Stats are labelled next to their values (an actor's `stat_labels:`), flags in the scenario's
top-level `flags:`. A missing label is a warning (the game falls back on the id, which reads
as code); the shipped scenarios are held to none by their tests. A label for something that
does not exist is a warning too: it is most likely a misspelt id. Runs after the flag checks,
which gather where flags are read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.checks.flags import effect_groups
from game.scenario.diagnostics import clip

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_labels(ctx: CheckContext) -> None:
    """Each stat and flag has a label; each label names a stat or flag that exists."""
    _check_stat_labels(ctx)
    _check_flag_labels(ctx)


def _check_stat_labels(ctx: CheckContext) -> None:
    report = ctx.report
    for actor in ctx.scenario.actors:
        context = f"actor {actor.id}"
        for stat in actor.stats:
            if not actor.stat_labels.get(stat, "").strip():
                report.warning(
                    report.path_of(actor, "stats", stat),
                    f"stat '{clip(stat)}' has no label: add `{clip(stat)}: <what it means>` "
                    "under the actor's `stat_labels:` so players never read the id",
                    at_key=True,
                    context=context,
                )
        for stat in actor.stat_labels:
            if stat not in actor.stats:
                hint = ctx.suggest(stat, actor.stats)
                report.warning(
                    report.path_of(actor, "stat_labels", stat),
                    f"'{clip(stat)}' is labelled but {actor.id} has no such stat{hint}",
                    at_key=True,
                    context=context,
                )


def _check_flag_labels(ctx: CheckContext) -> None:
    report = ctx.report
    labels = ctx.scenario.flags
    reads = ctx.flag_reads.places
    seen: set[str] = set()
    for name, places in reads.items():
        seen.add(name)
        if not labels.get(name, "").strip():
            path, col = places[0]
            report.warning(path, _unlabelled(name), offset=col)
    for owner, key, effects in effect_groups(ctx.scenario):
        for i, effect in enumerate(effects):
            flag = effect.flag
            if flag is None or flag in seen:
                continue
            seen.add(flag)
            if not labels.get(flag, "").strip():
                report.warning(report.path_of(owner, key, i, "flag"), _unlabelled(flag))
    known = seen | set(ctx.flags_named) | set(ctx.flags_set)
    for name in labels:
        if name not in known:
            hint = ctx.suggest(name, known)
            report.warning(
                report.path_of(ctx.scenario, "flags", name),
                f"flag '{clip(name)}' is labelled but no option or event sets it and no "
                f"condition reads it{hint}",
                at_key=True,
            )


def _unlabelled(name: str) -> str:
    return (
        f"flag '{clip(name)}' has no label: add `{clip(name)}: <what is true once it is set>` "
        "under the top-level `flags:` so players never read the id"
    )
