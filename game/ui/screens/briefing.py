"""The opening briefing: the situation, your role and goals, and where the facts come from."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.debrief import long_date
from game.engine import World
from game.ui.screens import STYLESHEET
from game.ui.text import heading, muted, prose
from game.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from game.ui.app import DetenteApp


def briefing_text(world: World, role: str) -> Content:
    """Scenario summary, the role's briefing and goals, and the sources' citations."""
    scenario = world.scenario
    actor = world.actor(role)
    parts = [
        heading(scenario.title),
        muted(
            f"From {long_date(world.date_of(1))}, "
            f"{scenario.turns} turns of {scenario.turn_days} days"
        ),
    ]
    if scenario.summary:
        parts += [Content(""), Content(prose(scenario.summary))]
    parts += [
        Content(""),
        heading(f"You: {actor.name}" + (f", {actor.leader}" if actor.leader else "")),
    ]
    if actor.briefing:
        parts += [Content(""), Content(prose(actor.briefing))]
    if actor.goals:
        parts += [Content(""), heading("Your goals (your score comes from these and the ending)")]
        parts += [Content(f"• {goal.label}") for goal in actor.goals]
    if world.loaded.briefs:
        parts += [Content(""), heading("Where the facts come from")]
        for brief in world.loaded.briefs:
            c = brief.citation
            by = f" by {c.author}" if c.author else ""
            parts.append(Content(f"• {c.outlet}, “{c.title}”{by}, {c.date}"))
            if c.url:
                parts.append(muted(f"  {c.url}"))
            if c.note:
                parts.append(muted(f"  {prose(c.note)}"))
    parts += [Content(""), muted("Press enter to begin.")]
    return Content("\n").join(parts)


class BriefingScreen(Screen[None]):
    """Read before the first turn; `enter` begins.

    | Key | Action |
    | :- | :- |
    | enter | Begin the first turn. |
    | up/down, page up/down | Scroll. |
    """

    CSS_PATH = STYLESHEET

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "begin", "Begin", priority=True)]

    def __init__(self, world: World, role: str, seed: int) -> None:
        super().__init__()
        self.world = world
        self.role = role
        self.seed = seed

    def compose(self) -> ComposeResult:
        actor = self.world.actor(self.role)
        yield StatusBar(self.world.scenario.title, f"{actor.name} │ Briefing │ Seed {self.seed}")
        body = VerticalScroll(Static(briefing_text(self.world, self.role)), id="briefing")
        body.border_title = "Briefing"
        yield body
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing").focus()

    def action_begin(self) -> None:
        cast("DetenteApp", self.app).begin_turns()
