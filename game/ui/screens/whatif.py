"""The road not taken: pick a turn, choose another move, see the other game beside yours."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.ui.screens.base import SessionScreen
from game.ui.seam import GameSession, MoveRefused, WhatIfView
from game.ui.text import heading, muted
from game.ui.widgets.status_bar import StatusBar


def what_if_text(found: WhatIfView) -> Content:
    """The two games side by side: a row per measure, then where they part and why."""
    width = max(len(r[0]) for r in found.rows) + 2
    column = max(len(r[1]) for r in found.rows) + 3
    parts = [heading(found.heading), Content("")]
    parts.append(
        Content.assemble(
            (" " * width, ""), ("As played".ljust(column), "bold"), ("What if", "bold")
        )
    )
    for what, played, other in found.rows:
        parts.append(
            Content.assemble(
                (what.ljust(width), "$foreground-muted"),
                played.ljust(column),
                (other, "bold" if other != played else ""),
            )
        )
    parts += [Content(""), Content(found.parting)]
    parts += [Content(f"  - {reason}") for reason in found.why]
    parts += [muted(note) for note in found.notes]
    return Content("\n").join(parts)


class WhatIfScreen(SessionScreen):
    """Pick a turn you played, then another move for it: the game is replayed with the same
    dice, your later choices where still open (else the AI's), and shown beside yours.

    | Key | Action |
    | :- | :- |
    | enter | Choose the highlighted turn, then the move. |
    | escape | Back to the debrief. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back to the debrief")]

    def __init__(self, session: GameSession) -> None:
        super().__init__(session)
        self.chosen_turn: int | None = None
        """The turn whose move is being changed (None until one is picked)."""

    def compose(self) -> ComposeResult:
        end = self.session.debrief()
        yield StatusBar(end.title, end.status)
        with Vertical(id="whatif-box") as box:
            box.border_title = "What if…"
            with Horizontal(id="whatif-pick"):
                yield OptionList(
                    *(
                        Option(f"Turn {d.turn}: {d.label}", id=f"turn-{d.turn}")
                        for d in end.decisions
                    ),
                    id="whatif-turns",
                )
                yield OptionList(id="whatif-options")
            with VerticalScroll(id="whatif-result"):
                yield Static(
                    muted("Pick a turn (enter), then another move for it."), id="whatif-text"
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#whatif-turns", OptionList).focus()

    @on(OptionList.OptionSelected, "#whatif-turns")
    def _turn_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        turn = int(str(event.option.id).removeprefix("turn-"))
        self.pick_turn(turn)

    @on(OptionList.OptionSelected, "#whatif-options")
    def _option_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.chosen_turn is not None and event.option.id:
            self.show(self.chosen_turn, event.option.id)

    def pick_turn(self, turn: int) -> None:
        """List the moves open on ``turn`` and move to them."""
        self.chosen_turn = turn
        options = self.query_one("#whatif-options", OptionList)
        options.clear_options()
        options.add_options(
            Option(label, id=option_id) for option_id, label in self.session.what_if_options(turn)
        )
        options.highlighted = 0 if options.option_count else None
        options.focus()

    def show(self, turn: int, option_id: str) -> None:
        """Play the other game and show it beside the one played."""
        text = self.query_one("#whatif-text", Static)
        try:
            found = self.session.what_if(turn, option_id)
        except MoveRefused as error:
            text.update(muted(str(error)))
            return
        text.update(what_if_text(found))

    def action_back(self) -> None:
        self.app.pop_screen()
