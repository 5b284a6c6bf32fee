"""Checks that need the whole scenario: ids, cross-references, bounds and conditions.

Structure (keys and types) is checked while structuring; these checks see what only makes
sense once everything is read: that every id named exists (with a suggestion when it is
misspelt), that ids are unique, that scores sit within bounds, that conditions can hold at
all, that each playable role has something to do. Every problem is reported, none stops the
others, each at the line of the element concerned.

The checks live in ``game.scenario.checks``, one module per kind of element; this module
runs them in a fixed order, which is the order of diagnostics on one line (and which of
them get a "did you mean", from a budget spent first come, first served).
"""

from __future__ import annotations

from collections.abc import Iterable

from game.scenario.checks.actors import check_actors, check_relations
from game.scenario.checks.basis import check_basis
from game.scenario.checks.briefs import check_brief
from game.scenario.checks.context import CheckContext
from game.scenario.checks.endings import check_endings
from game.scenario.checks.events import check_event
from game.scenario.checks.flags import check_flags
from game.scenario.checks.header import check_known_unreachable, check_meta, check_rules
from game.scenario.checks.labels import check_labels
from game.scenario.checks.options import check_option, check_roles_have_options
from game.scenario.checks.references import check_ids_unique
from game.scenario.checks.reflection import check_reflection
from game.scenario.checks.report import Reporter
from game.scenario.checks.size import check_size
from game.scenario.checks.transcripts import check_tests
from game.scenario.model import Scenario
from game.scenario.structure import Structurer

__all__ = ["Reporter", "check_brief", "validate"]


def validate(
    scenario: Scenario,
    report: Reporter,
    fact_ids: Iterable[str],
    structurer: Structurer | None = None,
) -> None:
    """Run every whole-scenario check, adding diagnostics to ``report``.

    ``structurer`` is the one that built ``scenario``: what it found wrong (damaged fields,
    dropped elements) keeps the checks from echoing problems it has already reported.
    """
    ctx = CheckContext.build(scenario, report, fact_ids, structurer)
    check_meta(ctx)
    check_rules(ctx)
    check_actors(ctx)
    check_relations(ctx)
    check_ids_unique(ctx, scenario.options, "option")
    check_ids_unique(ctx, scenario.events, "event")
    check_ids_unique(ctx, scenario.endings, "ending")
    for option in scenario.options:
        check_option(ctx, option)
    for event in scenario.events:
        check_event(ctx, event)
    check_endings(ctx)
    check_roles_have_options(ctx)
    check_known_unreachable(ctx)
    check_reflection(ctx)
    check_tests(ctx)
    check_size(ctx)
    check_flags(ctx)  # late: it needs every condition's flag reads
    check_labels(ctx)  # after the flags, for the same reason
    check_basis(ctx)
