"""Labels: every stat and flag a student may see has words, so no id reaches a screen.

Stats are labelled next to their values (an actor's `stat_labels:`), flags in the scenario's
top-level `flags:`. A missing label is a warning (the game falls back on the id, which reads
as code); the shipped scenarios are held to none by their tests. A label for something that
does not exist is a warning too: it is most likely a misspelt id. Runs after the flag checks,
which gather where flags are read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario.checks.flags import effect_groups
from game.scenario.diagnostics import clip
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


MISSING_SHOWN = 5
"""Missing labels reported one by one at most; the rest are counted in one more warning, so
that a large draft's real problems are not buried under reminders."""


class _Missing:
    """Missing labels, gathered so that only the first few are reported one by one."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.count = 0

    def add(self, path: Path, message: str, **place: Any) -> None:
        self.count += 1
        if self.count <= MISSING_SHOWN:
            self.ctx.report.warning(path, message, **place)
        elif self.count == MISSING_SHOWN + 1:
            self.path, self.place = path, place

    def finish(self) -> None:
        hidden = self.count - MISSING_SHOWN
        if hidden > 0:
            self.ctx.report.warning(
                self.path,
                f"{hidden} more stat(s) or flag(s) have no label; label them all so players "
                "never read an id",
                **self.place,
            )


def check_labels(ctx: CheckContext) -> None:
    """Each stat and flag has a label; each label names a stat or flag that exists."""
    missing = _Missing(ctx)
    _check_stat_labels(ctx, missing)
    _check_flag_labels(ctx, missing)
    missing.finish()


def _check_stat_labels(ctx: CheckContext, missing: _Missing) -> None:
    report = ctx.report
    for actor in ctx.scenario.actors:
        context = f"actor {actor.id}"
        for stat in actor.stats:
            if not actor.stat_labels.get(stat, "").strip():
                missing.add(
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


def _check_flag_labels(ctx: CheckContext, missing: _Missing) -> None:
    report = ctx.report
    labels = ctx.scenario.flags
    reads = ctx.flag_reads.places
    seen: set[str] = set()
    for name, places in reads.items():
        seen.add(name)
        if not labels.get(name, "").strip():
            path, col = places[0]
            missing.add(path, _unlabelled(name), offset=col)
    for owner, key, effects in effect_groups(ctx.scenario):
        for i, effect in enumerate(effects):
            flag = effect.flag
            if flag is None or flag in seen:
                continue
            seen.add(flag)
            if not labels.get(flag, "").strip():
                missing.add(report.path_of(owner, key, i, "flag"), _unlabelled(flag))
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
