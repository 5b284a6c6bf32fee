"""The end screen: the ending, your score per goal, your decisions, where each relation went."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static

from game.debrief import decisions, long_date
from game.engine import score
from game.engine.narrate import actor_name
from game.ui.screens import STYLESHEET
from game.ui.session import Session
from game.ui.text import heading, muted, prose, signed
from game.ui.view import stance
from game.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from game.ui.app import DetenteApp


def ending_text(session: Session) -> Content:
    """The ending's title and account, then the score card."""
    world, state = session.world, session.state
    ending = next(e.model for e in world.endings if e.id == state.ending)
    card = score(world, state)
    parts = [heading(ending.title)]
    if ending.text:
        parts += [Content(""), Content(prose(ending.text))]
    parts += [Content(""), heading(f"Your score: {card.total} out of 100")]
    for goal in card.goals:
        parts.append(
            Content.assemble(
                (f"{goal.score:5.0f}  ", "bold"),
                goal.label,
                (f" (weight {goal.weight:g})", "$text-muted"),
            )
        )
    parts.append(
        Content.assemble(
            (f"{card.ending_score:5.0f}  ", "bold"),
            "The ending, worth ",
            f"{card.ending_share:.0%} of the total",
        )
    )
    return Content("\n").join(parts)


def timeline_text(session: Session) -> Content:
    """One line per turn: date, decision, outcome."""
    world, state = session.world, session.state
    parts = [heading("Your decisions")]
    for d in decisions(world, state):
        parts.append(
            Content.assemble(
                (f"{d.turn:2d} ", "bold"),
                (f"{long_date(d.date):<17}", "$text-muted"),
                d.label,
                (f" ({d.outcome})", "$text-muted"),
            )
        )
    return Content("\n").join(parts)


class EndScreen(Screen[None]):
    """The debrief; `e` writes it to a Markdown file for the instructor.

    | Key | Action |
    | :- | :- |
    | e | Export the debrief as Markdown. |
    | up/down, page up/down | Scroll. |
    """

    CSS_PATH = STYLESHEET

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "export",
            "Export debrief",
            tooltip="Write the debrief as a Markdown file for your instructor",
        )
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def game(self) -> DetenteApp:
        return cast("DetenteApp", self.app)

    def compose(self) -> ComposeResult:
        session = self.session
        world, state = session.world, session.state
        name = world.actor(state.role).name
        card = score(world, state)
        yield StatusBar(
            world.scenario.title, f"{name} │ The end │ Score {card.total} │ Seed {state.seed}"
        )
        with VerticalScroll(id="end-body") as body:
            body.border_title = "Debrief"
            yield Static(ending_text(session), id="end-ending")
            yield Static(timeline_text(session), id="end-timeline")
            yield Label(heading("Relations, from the first turn to the last"), classes="gap")
            yield Horizontal(
                Label("", classes="name"),
                Label("How they see you", classes="column"),
                Label("How you see them", classes="column"),
                classes="trajectory",
            )
            for other in world.actor_ids:
                if other != state.role:
                    yield self._trajectory(other)
            yield Label(muted("Press e to export this debrief as a Markdown file."), classes="gap")
        yield Footer()

    def _trajectory(self, other: str) -> Horizontal:
        """A government's relation with the player: start → end, and the path between."""
        world, history = self.session.world, self.session.history
        role = self.session.role
        theirs = [h[world.rel_index(other, role)] for h in history]
        yours = [h[world.rel_index(role, other)] for h in history]
        return Horizontal(
            Label(actor_name(world, other), classes="name", markup=False),
            Label(f"{signed(theirs[0])} → ", classes="from"),
            Label(signed(theirs[-1]), classes=f"score theirs {stance(world, theirs[-1])}"),
            Sparkline(theirs, summary_function=max),
            Label(f"{signed(yours[0])} → ", classes="from"),
            Label(signed(yours[-1]), classes=f"score yours {stance(world, yours[-1])}"),
            Sparkline(yours, summary_function=max),
            classes="trajectory",
            id=f"trajectory-{other}",
        )

    def on_mount(self) -> None:
        self.query_one("#end-body").focus()

    def action_export(self) -> None:
        self.game.export_debrief()
