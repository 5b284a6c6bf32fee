"""The end screen: the ending, your score per goal, your decisions, where each relation went."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Label, Sparkline, Static

from game.ui.messages import ExportRequested
from game.ui.screens.base import SessionScreen
from game.ui.seam import EndView, RelationRow
from game.ui.text import heading, muted, prose, signed
from game.ui.widgets.status_bar import StatusBar


def ending_text(end: EndView) -> Content:
    """The ending's title and account, then the score card."""
    parts = [heading(end.ending_title)]
    if end.ending_text:
        parts += [Content(""), Content(prose(end.ending_text))]
    parts += [Content(""), heading(f"Your score: {end.total} out of 100")]
    for goal in end.goals:
        parts.append(
            Content.assemble(
                (f"{goal.score:5.0f}  ", "bold"),
                goal.label,
                (f" (weight {goal.weight:g})", "$text-muted"),
            )
        )
    parts.append(
        Content.assemble(
            (f"{end.ending_score:5.0f}  ", "bold"),
            "The ending, worth ",
            f"{end.ending_share:.0%} of the total",
        )
    )
    return Content("\n").join(parts)


def timeline_text(end: EndView) -> Content:
    """One line per turn: date, decision, outcome."""
    parts = [heading("Your decisions")]
    for d in end.decisions:
        parts.append(
            Content.assemble(
                (f"{d.turn:2d} ", "bold"),
                (f"{d.date:<17}", "$text-muted"),
                d.label,
                (f" ({d.outcome})", "$text-muted"),
            )
        )
    return Content("\n").join(parts)


class EndScreen(SessionScreen):
    """The debrief; `e` writes it to a Markdown file for the instructor.

    | Key | Action |
    | :- | :- |
    | e | Export the debrief as Markdown. |
    | up/down, page up/down | Scroll. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "export",
            "Export debrief",
            tooltip="Write the debrief as a Markdown file for your instructor",
        )
    ]

    def compose(self) -> ComposeResult:
        end = self.session.debrief()
        yield StatusBar(end.title, end.status)
        with VerticalScroll(id="end-body") as body:
            body.border_title = "Debrief"
            yield Static(ending_text(end), id="end-ending")
            yield Static(timeline_text(end), id="end-timeline")
            yield Label(heading("Relations, from the first turn to the last"), classes="gap")
            yield Horizontal(
                Label("", classes="name"),
                Label("How they see you", classes="column"),
                Label("How you see them", classes="column"),
                classes="trajectory",
            )
            for row in end.relations:
                yield self._trajectory(row)
            yield Label(muted("Press e to export this debrief as a Markdown file."), classes="gap")
        yield Footer()

    @staticmethod
    def _trajectory(row: RelationRow) -> Horizontal:
        """A government's relation with the player: start → end, and the path between."""
        theirs, yours = list(row.theirs_history), list(row.yours_history)
        return Horizontal(
            Label(row.name, classes="name", markup=False),
            Label(f"{signed(theirs[0])} → ", classes="from"),
            Label(signed(theirs[-1]), classes=f"score theirs {row.theirs_stance}"),
            Sparkline(theirs, summary_function=max),
            Label(f"{signed(yours[0])} → ", classes="from"),
            Label(signed(yours[-1]), classes=f"score yours {row.yours_stance}"),
            Sparkline(yours, summary_function=max),
            classes="trajectory",
            id=f"trajectory-{row.actor}",
        )

    def on_mount(self) -> None:
        self.query_one("#end-body").focus()

    def action_export(self) -> None:
        self.ask_app(ExportRequested())
