"""Ids: those an element names must exist (with a suggestion when misspelt), those it
defines must be unique."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from game.scenario.diagnostics import clip
from game.scenario.refs import SELF
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext

SELF_OUTSIDE_OPTION = "SELF (the actor taking the option) is only meaningful in an option"


class HasId(Protocol):
    """An element with an id of its own: actor, goal, option, event, ending."""

    @property
    def id(self) -> str: ...


def check_ids_unique(ctx: CheckContext, items: Sequence[HasId], kind: str) -> None:
    """Report every repeat of an id after its first, at the repeat."""
    counts = Counter(item.id for item in items)
    seen: set[str] = set()
    for item in items:
        ident = item.id
        if counts[ident] > 1 and ident in seen:
            ctx.report.error(
                ctx.report.path_of(item, "id"),
                f"duplicate {kind} id '{ident}'; ids must be unique",
            )
        seen.add(ident)


def check_actor_ref(
    ctx: CheckContext,
    path: Path,
    ident: str,
    *,
    what: str = "actor",
    context: str = "",
    acting: tuple[str, ...] = (),
) -> bool:
    """Whether ``ident`` names an actor (SELF inside an option, where ``acting`` are those who
    may take it); reported at path if not."""
    if ident in ctx.actors or (ident == SELF and acting):
        return True
    if ident == SELF:
        ctx.report.error(path, SELF_OUTSIDE_OPTION, context=context)
        return False
    hint = ctx.suggest(ident, ctx.actors)
    if not hint:
        hint = "; there are none" if not ctx.actors else f"; actors are {listed(ctx.actors)}"
    ctx.report.error(path, f"unknown {what} '{clip(ident)}'{hint}", context=context)
    return False


def listed(ids: Iterable[str], limit: int = 12) -> str:
    """Ids for a message: all of them when few, else the first ones and how many more."""
    ids = list(ids)
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit:,} more"
