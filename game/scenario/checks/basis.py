"""Honest history: every option, event and ending says how it stands against the record.

``basis: documented|plausible|invented`` tells a student whether a move happened (the cited
facts state it), could have (consistent with them) or is a what-if. A scenario without it is
still playable, so a missing basis is one warning for the whole scenario, naming the first few
elements; the shipped scenarios are held to none by their tests, which makes it an error there.
A ``history:`` entry's date must be a date (or a year-month).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext

NAMED = 5
"""Elements without a basis named in the warning; the rest are counted."""

DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def check_basis(ctx: CheckContext) -> None:
    """One warning if any option, event or ending has no ``basis:``; history dates parse."""
    scenario = ctx.scenario
    missing = [
        (kind, element)
        for kind, elements in (
            ("option", scenario.options),
            ("event", scenario.events),
            ("ending", scenario.endings),
        )
        for element in elements
        if element.basis is None
    ]
    if missing:
        kind, first = missing[0]
        named = ", ".join(f"{k} '{e.id}'" for k, e in missing[:NAMED])
        more = f" and {len(missing) - NAMED} more" if len(missing) > NAMED else ""
        ctx.report.warning(
            ctx.report.path_of(first, "id"),
            f"{len(missing)} option(s), event(s) or ending(s) have no `basis:` ({named}{more}); "
            "say for each whether it is documented, plausible or invented, so students know "
            "what is history",
            context=f"while checking {kind} '{first.id}'",
        )
    for entry in scenario.history:
        if not DATE.match(entry.date):
            ctx.report.error(
                ctx.report.path_of(entry, "date"),
                f"history date '{entry.date}' is not YYYY-MM-DD or YYYY-MM",
            )
