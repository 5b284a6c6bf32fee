"""The opening briefing: the situation, your role and goals, and where the facts come from."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from game.ui.messages import BriefingRead
from game.ui.screens.base import SessionScreen
from game.ui.seam import BriefingView
from game.ui.text import heading, muted, prose
from game.ui.widgets.status_bar import StatusBar


def briefing_text(briefing: BriefingView) -> Content:
    """Scenario summary, the role's briefing and goals, and the sources' citations."""
    parts = [heading(briefing.title), muted(briefing.dates)]
    if briefing.summary:
        parts += [Content(""), Content(prose(briefing.summary))]
    leader = f", {briefing.leader}" if briefing.leader else ""
    parts += [Content(""), heading(f"You: {briefing.role_name}{leader}")]
    if briefing.briefing:
        parts += [Content(""), Content(prose(briefing.briefing))]
    if briefing.goals:
        parts += [Content(""), heading("Your goals (your score comes from these and the ending)")]
        if briefing.weights:
            parts += [
                Content(f"• {w.label} (weight {w.weight:g}: {w.share:.0%} of your score)")
                for w in briefing.weights
            ]
        else:
            parts += [Content(f"• {goal}") for goal in briefing.goals]
        if briefing.score_rule:
            parts.append(muted(briefing.score_rule))
    if briefing.endings:
        parts += [Content(""), heading("Endings you can aim for (the first that holds counts)")]
        for stake in briefing.endings:
            needs = ". ".join(c.need for c in stake.clauses) or "If no other ending holds"
            parts.append(Content(f"• {stake.title} (worth {stake.score}, {stake.when}): {needs}"))
    if briefing.sources:
        parts += [Content(""), heading("Where the facts come from")]
        for c in briefing.sources:
            by = f" by {c.author}" if c.author else ""
            parts.append(Content(f"• {c.outlet}, “{c.title}”{by}, {c.date}"))
            if c.url:
                parts.append(muted(f"  {c.url}"))
            if c.note:
                parts.append(muted(f"  {prose(c.note)}"))
    parts += [Content(""), muted("Press enter to begin.")]
    return Content("\n").join(parts)


class BriefingScreen(SessionScreen):
    """Read before the first turn; `enter` begins.

    | Key | Action |
    | :- | :- |
    | enter | Begin the first turn. |
    | up/down, page up/down | Scroll. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "begin", "Begin", priority=True)]

    def compose(self) -> ComposeResult:
        briefing = self.session.briefing()
        facts = f"{briefing.role_name} │ Briefing │ Seed {self.session.seed}"
        yield StatusBar(briefing.title, facts)
        body = VerticalScroll(Static(briefing_text(briefing)), id="briefing")
        body.border_title = "Briefing"
        yield body
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def action_begin(self) -> None:
        self.ask_app(BriefingRead())
