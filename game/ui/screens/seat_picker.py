"""The seat picker: 2-4 people choose the governments of a hot-seat game, one each."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, SelectionList, Static

from game.ui.messages import SeatsChosen
from game.ui.picker_view import RolesView
from game.ui.screens.base import GameScreen
from game.ui.text import muted
from game.ui.widgets.status_bar import StatusBar

MIN_SEATS = 2
MAX_SEATS = 4
"""As `--seats` takes them (``game.launch``): more people would wait too long for the keys."""


class SeatPickerScreen(GameScreen):
    """Choose the governments of a hot-seat game: `detente play --seats` without roles, or
    `p` on the role picker (which offers its highlighted role first).

    | Key | Action |
    | :- | :- |
    | up/down | Move between governments. |
    | space | Take or leave the highlighted government (one person each). |
    | enter | Start the game with the governments taken (2 to 4). |
    | escape | Back to the role picker (when it was opened from there). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, roles: RolesView, seed: int, *, first: str | None = None) -> None:
        super().__init__()
        self.roles = roles
        self.seed = seed
        self.first = first
        """A government taken from the start (the role picker's highlighted one)."""

    def compose(self) -> ComposeResult:
        yield StatusBar(self.roles.title, f"Choose the players' governments │ Seed {self.seed}")
        with Vertical(id="seats-body"):
            yield Static(
                muted(
                    f"One person per government, {MIN_SEATS} to {MAX_SEATS}: space takes or "
                    "leaves one, enter starts. You will pass the keyboard each turn."
                ),
                id="seats-help",
            )
            seats = SelectionList[str](
                *[
                    (f"{r.name}" + (f" ({r.leader})" if r.leader else ""), r.id, r.id == self.first)
                    for r in self.roles.roles
                ],
                id="seats",
            )
            seats.border_title = "Governments"
            yield seats
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @property
    def chosen(self) -> tuple[str, ...]:
        """The governments taken, in the scenario's order (the order seats play in)."""
        taken = set(self.query_one(SelectionList).selected)
        return tuple(r.id for r in self.roles.roles if r.id in taken)

    def action_start(self) -> None:
        """Start the hot-seat game, or say why not (too few or too many governments)."""
        seats = self.chosen
        if not MIN_SEATS <= len(seats) <= MAX_SEATS:
            self.say(
                f"Take {MIN_SEATS} to {MAX_SEATS} governments with space ({len(seats)} taken now).",
                severity="warning",
            )
            return
        self.ask_app(SeatsChosen(seats))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`escape` is on only over the role picker it was opened from."""
        if action == "back":
            return len(self.app.screen_stack) > 2
        return True

    def action_back(self) -> None:
        """Back to the role picker below, if the picker was opened from there."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
