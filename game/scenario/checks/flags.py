"""Flags: set by effects, read by conditions, never declared. What one side names and the
other never does is reported here, once every condition has been checked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from game.scenario.diagnostics import clip
from game.scenario.expr import Call, Expr, Name
from game.scenario.model import Effect, Scenario
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


class FlagReads:
    """Where checked conditions read each flag: the path and column of every `flag(name)`."""

    def __init__(self) -> None:
        self.places: dict[str, list[tuple[Path, int]]] = {}

    def record(self, expr: Expr, path: Path) -> None:
        for node in expr.walk():
            if isinstance(node, Call) and node.func == "flag" and node.args:
                arg = node.args[0]
                if isinstance(arg, Name):
                    self.places.setdefault(arg.name, []).append((path, arg.col))


def effect_groups(scenario: Scenario) -> Iterator[tuple[object, str, tuple[Effect, ...]]]:
    """Every list of effects: (owner, its key, the effects), options (and their offers)
    before events; the branches of a conditional effect follow the list that holds it."""
    for owner, key, effects in _top_groups(scenario):
        yield owner, key, effects
        yield from branch_groups(effects)


def branch_groups(effects: tuple[Effect, ...]) -> Iterator[tuple[object, str, tuple[Effect, ...]]]:
    """The `then:` and `else:` lists of the conditional effects among ``effects``, nested
    ones included, each owned by its `if:` effect."""
    for effect in effects:
        if effect.conditional:
            for key, branch in (("then", effect.then), ("else", effect.else_)):
                yield effect, key, branch
                yield from branch_groups(branch)


def _top_groups(scenario: Scenario) -> Iterator[tuple[object, str, tuple[Effect, ...]]]:
    for option in scenario.options:
        yield option, "effects", option.effects
        yield option, "otherwise", option.otherwise
        offer = option.offer
        if offer is not None:
            yield offer, "on_accept", offer.on_accept
            yield offer, "on_decline", offer.on_decline
            yield offer, "on_expire", offer.on_expire
            if offer.counter is not None:
                yield offer.counter, "effects", offer.counter.effects
    for event in scenario.events:
        yield event, "effects", event.effects


def flags_set_by(scenario: Scenario, built: Iterable[object]) -> set[str]:
    """Flags some effect sets: in the scenario, or in an element that could not be built
    (so that its problem is not echoed as a flag that is never set)."""
    flags: set[str] = set()
    effects = [effect for _, _, group in effect_groups(scenario) for effect in group]
    for effect in [*effects, *(e for e in built if isinstance(e, Effect))]:
        if effect.flag is not None and effect.set is not False:
            flags.add(effect.flag)
    return flags


def check_flags(ctx: CheckContext) -> None:
    """Flags read but never set (always false), and set but never read (no use)."""
    report = ctx.report
    for name, places in ctx.flag_reads.places.items():
        if name not in ctx.flags_set:
            path, col = places[0]
            hint = ctx.suggest(name, ctx.flags_set)
            report.warning(
                path,
                f"flag '{name}' is read but never set by any option or event, so it is "
                f"always false{hint}",
                offset=col,
            )
    for owner, key, effects in effect_groups(ctx.scenario):
        for i, effect in enumerate(effects):
            if effect.flag is not None and not (
                effect.flag in ctx.flag_reads.places or effect.flag in ctx.flags_named
            ):
                report.warning(
                    report.path_of(owner, key, i, "flag"),
                    f"flag '{clip(effect.flag)}' is set but no condition reads it",
                )
