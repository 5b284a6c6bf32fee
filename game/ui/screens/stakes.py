"""The stakes over the turn screen: what the score counts, the endings and how far each is,
and every relation the seat's goals read."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from game.ui.screens.base import GameModal
from game.ui.seam import TurnView
from game.ui.widgets.stakes import stakes_text


class StakesScreen(GameModal[None]):
    """The stakes of the turn shown below it; any of enter, escape or g closes it.

    A dialog rather than a panel, so that an 80x24 turn screen keeps its room for the
    options, and the stakes get the whole width for their worded conditions.

    | Key | Action |
    | :- | :- |
    | enter, escape, g | Close the stakes. |
    | up/down, page up/down | Scroll. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Back", priority=True),
        Binding("escape", "close", "Close", show=False),
        Binding("g", "close", "Close", show=False),
    ]

    def __init__(self, view: TurnView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        with Vertical(id="stakes-box") as box:
            box.border_title = "Stakes: what you play for"
            with VerticalScroll(id="stakes-body"):
                yield Static(stakes_text(self.view), id="stakes-text")
            yield Button("Back to the turn (enter)", id="stakes-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stakes-body").focus()
        self.fit_body()

    def on_resize(self) -> None:
        self.fit_body()

    def fit_body(self) -> None:
        """Scroll only the text, within the room the box leaves (border and button: 3)."""
        room = self.size.height - self.styles.padding.height - 3
        self.query_one("#stakes-body").styles.max_height = max(room, 3)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
