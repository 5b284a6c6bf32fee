"""Briefs and citations: a brief's own checks, and the facts that elements cite."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from game.scenario.checks.report import Reporter
from game.scenario.diagnostics import clip
from game.scenario.model import Brief

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_date(text: str) -> bool:
    """Whether text is a real date written YYYY-MM-DD (fromisoformat alone also takes
    20220319 and 2022-W11-6)."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return DATE.match(text) is not None


def check_brief(brief: Brief, report: Reporter) -> None:
    """A brief's own checks: a real citation date, and fact ids unique within it."""
    if not is_date(brief.citation.date):
        report.error(
            report.path_of(brief.citation, "date"),
            f"'{clip(brief.citation.date)}' is not a date; write it as YYYY-MM-DD, e.g. 2022-03-19",
        )
    seen: set[str] = set()
    for fact in brief.facts:
        if fact.id in seen:
            report.error(report.path_of(fact, "id"), f"duplicate fact id '{fact.id}'")
        seen.add(fact.id)


def check_fact_refs(
    ctx: CheckContext, element: object, facts: tuple[str, ...], context: str
) -> None:
    """Every fact an option, event or ending cites must be in a brief the scenario lists."""
    for i, fact in enumerate(facts):
        if fact not in ctx.fact_ids:
            hint = ctx.suggest(fact, ctx.fact_ids)
            if not ctx.fact_ids:
                hint = "; list the brief that holds it under `sources:`"
            ctx.report.error(
                ctx.report.path_of(element, "facts", i),
                f"unknown fact '{clip(fact)}'{hint}",
                context=context,
            )
